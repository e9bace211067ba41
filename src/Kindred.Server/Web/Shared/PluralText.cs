using System.Globalization;
using Kindred.Core.Common;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Shared;

/// <summary>
/// The one way a page shows a count beside words (ADR 86): <c>T.Plural("{0} replies", n)</c> reads the resource
/// <c>"{0} replies.one"</c>, <c>".many"</c> or <c>".other"</c> by the CLDR category of <c>n</c> in the request's language,
/// so English shows "1 reply" and French "0 réponse". The count is <c>{0}</c>, written with the language's digit grouping;
/// further values follow as <c>{1}</c>, <c>{2}</c>. <c>TextResourcesTests</c> refuses a count shown any other way.
/// </summary>
public static class PluralText
{
    public static LocalizedString Plural(this IStringLocalizer t, string key, long count, params object[] more)
    {
        ArgumentNullException.ThrowIfNull(t);
        var culture = CultureInfo.CurrentUICulture;
        var category = PluralRules.Of(count, culture);
        object[] values = [count.ToString("N0", CultureInfo.CurrentCulture), .. more];
        // French "many" (a round million) falls back to "other" where no translator wrote it.
        var found = category switch
        {
            PluralCategory.One => t[key + ".one", values],
            PluralCategory.Many => t[key + ".many", values],
            _ => t[key + ".other", values],
        };
        return found.ResourceNotFound && category != PluralCategory.Other ? t[key + ".other", values] : found;
    }
}
