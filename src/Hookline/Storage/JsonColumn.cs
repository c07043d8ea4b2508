using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hookline.Storage;

/// <summary>Stores a small value object (tags, header rules, mappings) as JSON text, the same on every provider.</summary>
public static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(property);
        var comparer = new ValueComparer<T>(
            (a, b) => Serialize(a) == Serialize(b),
            v => Serialize(v).GetHashCode(StringComparison.Ordinal),
            v => Deserialize<T>(Serialize(v)));
        property.HasConversion(v => Serialize(v), s => Deserialize<T>(s), comparer);
        return property;
    }

    /// <summary>As <see cref="HasJsonConversion{T}"/>, for a value that may be absent: a null column.</summary>
    public static PropertyBuilder<T?> HasNullableJsonConversion<T>(this PropertyBuilder<T?> property)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(property);
        var comparer = new ValueComparer<T?>(
            (a, b) => Serialize(a) == Serialize(b),
            v => Serialize(v).GetHashCode(StringComparison.Ordinal),
            v => v == null ? null : Deserialize<T>(Serialize(v)));
        property.HasConversion(v => Serialize(v), s => Deserialize<T>(s), comparer);
        return property;
    }

    /// <summary>The column's text, for statements written without EF Core.</summary>
    public static string Serialize<T>(T? value) => JsonSerializer.Serialize(value, Options);

    // Empty text is the default a migration gives a column added to existing rows: no value yet.
    private static T Deserialize<T>(string text) where T : new() => string.IsNullOrEmpty(text) ? new T() : JsonSerializer.Deserialize<T>(text, Options) ?? new T();
}
