using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Kindred.Core.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Kindred.Server.Hosting;

/// <summary>
/// Blazor throws (a 500) when a page's typed query parameter cannot be parsed, as in <c>?max_id=abc</c>. Before a
/// page renders, this checks each <c>[SupplyParameterFromQuery]</c> value of the routed page the way Blazor will
/// parse it and answers 400 instead. It reads the page's own declarations, so a new page is covered without a list. A
/// NUL character in any query value of a page is refused the same way (a path never holds one: the server refuses it).
/// </summary>
public sealed class PageQueryCheck(RequestDelegate next)
{
    private static readonly ConcurrentDictionary<Type, (string Name, Type Type)[]> TypedParameters = new();

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.QueryString.HasValue && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page)
        {
            // Text values reach queries as they are, and PostgreSQL refuses U+0000 in text (a 500 on that database only).
            foreach (var (name, values) in context.Request.Query)
            {
                if (values.Any(v => v is not null && v.Contains('\0', StringComparison.Ordinal)))
                {
                    throw KindredException.BadRequest($"The address parameter '{name}' may not contain a NUL character.");
                }
            }
            foreach (var (name, type) in TypedParameters.GetOrAdd(page.Type, Find))
            {
                foreach (var value in context.Request.Query[name])
                {
                    if (!string.IsNullOrEmpty(value) && !Parses(value, type))
                    {
                        throw KindredException.BadRequest($"The address parameter '{name}' is not valid here ({Describe(type)} expected).");
                    }
                }
            }
        }
        return next(context);
    }

    private static (string Name, Type Type)[] Find(Type component) =>
        [.. component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => (p.Attribute!.Name ?? p.Property.Name, ElementType(p.Property.PropertyType)))
            .Where(p => p.Item2 != typeof(string))];

    private static Type ElementType(Type type)
    {
        var element = type.IsArray ? type.GetElementType()! : type;
        return Nullable.GetUnderlyingType(element) ?? element;
    }

    private static bool Parses(string value, Type type)
    {
        var c = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, c, out _),
            _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, c, out _),
            _ when type == typeof(bool) => bool.TryParse(value, out _),
            _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float, c, out _),
            _ when type == typeof(decimal) => decimal.TryParse(value, NumberStyles.Number, c, out _),
            _ when type == typeof(Guid) => Guid.TryParse(value, c, out _),
            _ when type == typeof(DateTime) => DateTime.TryParse(value, c, DateTimeStyles.None, out _),
            _ when type == typeof(DateOnly) => DateOnly.TryParse(value, c, out _),
            _ => true,
        };
    }

    private static string Describe(Type type) =>
        type == typeof(int) || type == typeof(long) ? "a whole number" : type == typeof(bool) ? "true or false" : type.Name;
}
