using Microsoft.AspNetCore.Components.Forms;

namespace Kindred.Server.Web.Shared;

/// <summary>A form being sent, for <see cref="KindredPage.RunAsync"/>: where its errors go and which core field is which property.</summary>
public sealed record PageForm(EditContext Context, ValidationMessageStore Store, object Model, IReadOnlyDictionary<string, string> Fields)
{
    public static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    /// <summary>An error of the form's own, beside <paramref name="property"/> (or at the top when it is empty).</summary>
    public void Add(string property, string message) => FormErrors.Add(Context, Store, Model, property, message);
}
