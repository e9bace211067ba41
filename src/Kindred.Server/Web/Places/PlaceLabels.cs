using Kindred.Data.Entities;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Places;

public static class PlaceLabels
{
    public static string Kind(IStringLocalizer t, PlaceKind kind) => kind switch
    {
        PlaceKind.Town => t["Town"],
        PlaceKind.PostcodeArea => t["Postcode area"],
        PlaceKind.Region => t["Region"],
        _ => t["Neighbourhood"],
    };
}
