using Hookline.Core.Templates;

namespace Hookline.Templates;

/// <summary>Reads the <c>--map PATH=EXPRESSION</c> options of <c>template render</c>.</summary>
internal static class MapOptions
{
    public static Dictionary<string, string?> Parse(IReadOnlyList<string> maps, Template template)
    {
        var paths = template.Fields.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var mappings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var map in maps)
        {
            var split = SplitAt(map, paths);
            if (split < 0)
            {
                throw new UsageException($"--map takes PATH=%token%, not '{map}'.");
            }

            mappings[map[..split]] = map[(split + 1)..];
        }

        return mappings;
    }

    // A JSON member name may hold '=' itself: the split is at the first '=' whose left side is a field path,
    // or failing that the first '=', so that an unknown path is reported as such.
    private static int SplitAt(string map, HashSet<string> paths)
    {
        var first = map.IndexOf('=', StringComparison.Ordinal);
        for (var i = first; i >= 0; i = map.IndexOf('=', i + 1))
        {
            if (paths.Contains(map[..i]))
            {
                return i;
            }
        }

        return first;
    }
}
