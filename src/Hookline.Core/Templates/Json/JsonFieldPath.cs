using System.Buffers;
using System.Text;

namespace Hookline.Core.Templates.Json;

/// <summary>
/// JSON field paths: member names joined with '.', array elements as "[]". A member name's '.', '[', ']' and '\'
/// are written with a '\' before them, so that a member named "a.b" and a member b inside a member a get two
/// paths (<c>a\.b</c> and <c>a.b</c>), and every path reads back to one leaf.
/// </summary>
internal static class JsonFieldPath
{
    private static readonly SearchValues<char> Syntax = SearchValues.Create(".[]\\");

    /// <summary>The path of a member of the object at <paramref name="parent"/>; the root object's members have no dot.</summary>
    public static string Member(string parent, string name, bool ofRoot) =>
        ofRoot ? Escape(name) : string.Concat(parent, ".", Escape(name));

    public static string Element(string parent) => parent + "[]";

    public static string Escape(string name)
    {
        var next = name.AsSpan().IndexOfAny(Syntax);
        if (next < 0)
        {
            return name;
        }

        var escaped = new StringBuilder(name.Length + 4);
        var rest = name.AsSpan();
        while (next >= 0)
        {
            escaped.Append(rest[..next]).Append('\\').Append(rest[next]);
            rest = rest[(next + 1)..];
            next = rest.IndexOfAny(Syntax);
        }

        return escaped.Append(rest).ToString();
    }

    /// <summary>The path as it would read without escapes: what a client that does not escape would send.</summary>
    public static string WithoutEscapes(string path)
    {
        if (!path.Contains('\\', StringComparison.Ordinal))
        {
            return path;
        }

        var plain = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '\\' && i + 1 < path.Length)
            {
                i++;
            }

            plain.Append(path[i]);
        }

        return plain.ToString();
    }
}
