using Kindred.Core.Common;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Shared;

/// <summary>Puts errors next to the form fields they name, in the reader's language where a translation exists.</summary>
public static class FormErrors
{
    public static void Show(EditContext context, ValidationMessageStore store, KindredException error, IReadOnlyDictionary<string, string> fieldMap, object model) =>
        Add(context, store, model, error.Field is not null && fieldMap.TryGetValue(error.Field, out var property) ? property : "", error.Message);

    /// <summary>Core messages are English; the resource files translate the ones people meet, the rest stay as they are.</summary>
    public static void Show(EditContext context, ValidationMessageStore store, KindredException error, IReadOnlyDictionary<string, string> fieldMap, object model, IStringLocalizer localizer) =>
        Add(context, store, model, error.Field is not null && fieldMap.TryGetValue(error.Field, out var property) ? property : "", localizer[error.Message]);

    /// <summary>An error for one property of <paramref name="model"/>, or for the whole form when <paramref name="property"/> is empty.</summary>
    public static void Add(EditContext context, ValidationMessageStore store, object model, string property, string message)
    {
        store.Add(new FieldIdentifier(model, property), message);
        context.NotifyValidationStateChanged();
    }

    /// <summary>Adds <paramref name="message"/> when <paramref name="value"/> is blank; true when the value is there.</summary>
    public static bool Require(EditContext context, ValidationMessageStore store, object model, string property, string? value, string message)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }
        Add(context, store, model, property, message);
        return false;
    }

    /// <summary>"true" for aria-invalid while the property has an error, else null (no attribute). Input components set it themselves; plain inputs need this.</summary>
    public static string? Invalid(EditContext context, object model, string property) =>
        context.GetValidationMessages(new FieldIdentifier(model, property)).Any() ? "true" : null;

    /// <summary>The ids an input's aria-describedby should name: its hint, and its error while it has one; null for none.</summary>
    public static string? DescribedBy(EditContext context, object model, string property, string errorId, string? hintId = null)
    {
        var hasError = context.GetValidationMessages(new FieldIdentifier(model, property)).Any();
        var ids = string.Join(' ', new[] { hintId, hasError ? errorId : null }.Where(id => id is not null));
        return ids.Length == 0 ? null : ids;
    }
}
