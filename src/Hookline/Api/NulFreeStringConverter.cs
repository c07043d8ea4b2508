using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hookline.Api;

/// <summary>
/// Reads every string of a request body, refusing one that holds a NUL character: PostgreSQL text cannot store it
/// and no field has a use for it, so it is turned away where it is read, naming its field, before any rule or query
/// sees it. Names of members (the keys of <c>tags</c>, of <c>mappings</c>) are read the same way.
/// </summary>
public sealed class NulFreeStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // A message-less JsonException lets the serializer say what it says for any mistyped value, with its path.
        if (reader.TokenType != JsonTokenType.String) throw new JsonException();
        return Checked(reader.GetString()!, name: false);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(reader.GetString()!, name: true);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value);
    }

    private static string Checked(string value, bool name) =>
        value.Contains('\0', StringComparison.Ordinal) ? throw new RefusedJsonValueException(name) : value;
}

/// <summary>A JSON value Hookline refuses although it has the right type; its message says why, for the field it names.</summary>
public sealed class RefusedJsonValueException(bool inName) : JsonException(
    inName ? "names must not contain the NUL character (\\u0000)" : "must not contain the NUL character (\\u0000)")
{
    /// <summary>The refused text is a member name: the field is the object that holds it.</summary>
    public bool InName { get; } = inName;
}
