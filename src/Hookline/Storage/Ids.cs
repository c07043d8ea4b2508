namespace Hookline.Storage;

/// <summary>Resource ids: a short type prefix and a time-ordered GUID (v7), so ids sort by creation.</summary>
public static class Ids
{
    public static string New(string prefix) => prefix + "_" + Guid.CreateVersion7().ToString("N");
}
