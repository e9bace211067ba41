using Kindred.Core.Common;
using Microsoft.AspNetCore.Components.Forms;

namespace Kindred.Server.Web.Shared;

/// <summary>Puts a core validation error next to the form field it names.</summary>
public static class FormErrors
{
    public static void Show(EditContext context, ValidationMessageStore store, KindredException error, IReadOnlyDictionary<string, string> fieldMap, object model)
    {
        var field = error.Field is not null && fieldMap.TryGetValue(error.Field, out var property)
            ? new FieldIdentifier(model, property)
            : new FieldIdentifier(model, string.Empty);
        store.Add(field, error.Message);
        context.NotifyValidationStateChanged();
    }
}
