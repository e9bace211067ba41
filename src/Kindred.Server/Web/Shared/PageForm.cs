using Kindred.Core.Common;
using Microsoft.AspNetCore.Components.Forms;

namespace Kindred.Server.Web.Shared;

/// <summary>A form being sent, for <see cref="KindredPage.RunAsync"/>: where its errors go and which core field is which property.</summary>
public sealed record PageForm(EditContext Context, ValidationMessageStore Store, object Model, IReadOnlyDictionary<string, string> Fields)
{
    public static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    /// <summary>
    /// What "not found" means on this form, when it names something the form offered (a post that vanished since the
    /// page was shown): the core field and the message it becomes. Null leaves "not found" an error like the others.
    /// </summary>
    public KindredException? NotFoundMeans { get; init; }

    /// <summary>An error of the form's own, beside <paramref name="property"/> (or at the top when it is empty).</summary>
    public void Add(string property, string message) => FormErrors.Add(Context, Store, Model, property, message);

    /// <summary>Adds <paramref name="message"/> beside <paramref name="property"/> when <paramref name="value"/> is blank; true when the value is there.</summary>
    public bool Require(string property, string? value, string message) => FormErrors.Require(Context, Store, Model, property, value, message);
}
