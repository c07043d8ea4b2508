namespace Hookline.Storage;

/// <summary>Resource ids: a short type prefix and a time-ordered GUID (v7), so ids sort by creation.</summary>
public static class Ids
{
    public static string New(string prefix) => prefix + "_" + Guid.CreateVersion7().ToString("N");

    /// <summary>Whether <paramref name="id"/> has the form of an id that <see cref="New"/> makes with this prefix.</summary>
    public static bool IsWellFormed(string prefix, string id)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(id);
        return id.Length == prefix.Length + 33 && id.StartsWith(prefix, StringComparison.Ordinal) && id[prefix.Length] == '_'
            && Guid.TryParseExact(id.AsSpan(prefix.Length + 1), "N", out _);
    }
}
