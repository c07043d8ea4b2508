using System.Buffers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Hookline.Core.Calls;
using Hookline.Core.Templates;

namespace Hookline.Core.Tests.Templates;

/// <summary>
/// For JSON examples with arbitrary member names, every leaf gets a path of its own, the path reads back to the
/// names that lead to the leaf, and a mapping by that path changes that leaf and no other.
/// </summary>
public class FieldPathPropertyTests
{
    // Names built from the path syntax itself, beside ordinary and arbitrary text (no surrogates: a name is text).
    private static readonly Gen<string> NamePiece = Gen.OneOf<string>(
        Gen.OneOf(".", "[", "]", "[]", "\\", "\\.", "\\\\", "a", "b", "a.b", "=", "/", "@", "%ani%", " "),
        Gen.Char['\0', '\uD7FF'].Select(c => c.ToString()));

    private static readonly Gen<string> Name = NamePiece.Array[0, 4].Select(string.Concat);

    // A leaf: a string, number or null, or an empty object or array. Arrays hold one element, so that no two
    // leaves fold into one field.
    private static readonly Gen<Node> Leaf = Gen.OneOf<Node>(
        new LeafNode("\"\""), new LeafNode("0"), new LeafNode("null"), new ObjectNode([]), new ArrayNode(null));

    private static readonly Gen<Node> Document = Gen.OneOf(Object(3), Array(3));

    [Fact]
    public void EveryLeaf_HasADistinctPath_ThatReadsBackToItsMemberNames() => Document.Sample(root =>
    {
        var leaves = Leaves(root);
        var fields = Template.Parse(TemplateType.Json, Format(root)).Fields;
        Assert.Equal(leaves.Count, fields.Count);
        Assert.Equal(leaves.Count, fields.Select(f => f.Path).Distinct(StringComparer.Ordinal).Count());
        for (var i = 0; i < leaves.Count; i++)
        {
            Assert.Equal(leaves[i], Steps(fields[i].Path, root is ObjectNode));
        }
    }, iter: 1000);

    [Fact]
    public void MappingEveryPath_WritesEachValueAtItsOwnLeaf() => Document.Sample(root =>
    {
        var template = Template.Parse(TemplateType.Json, Format(root));
        var mappings = template.Fields.Select((f, i) => (f.Path, $"v{i}")).ToDictionary(m => m.Path, string? (m) => m.Item2);
        using var body = JsonDocument.Parse(template.Compile(mappings).Render(TestCalls.With(), CallMoment.End));
        var values = new List<string>();
        Collect(root, body.RootElement, values);
        Assert.Equal(Enumerable.Range(0, values.Count).Select(i => $"v{i}"), values);
    }, iter: 1000);

    private static Gen<Node> Value(int depth) => depth == 0 ? Leaf : Gen.Frequency<Node>((3, Leaf), (2, Object(depth - 1)), (1, Array(depth - 1)));

    private static Gen<Node> Object(int depth) => Gen.Select(Name, Value(depth)).Array[1, 4].Select(members =>
        (Node)new ObjectNode([.. members.DistinctBy(m => m.Item1, StringComparer.Ordinal)]));

    private static Gen<Node> Array(int depth) => Value(depth).Select(item => (Node)new ArrayNode(item));

    private static string Format(Node root)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            Write(writer, root);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, Node node)
    {
        switch (node)
        {
            case LeafNode leaf:
                writer.WriteRawValue(leaf.Json);
                break;
            case ObjectNode o:
                writer.WriteStartObject();
                foreach (var (name, value) in o.Members)
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case ArrayNode a:
                writer.WriteStartArray();
                if (a.Item is not null)
                {
                    Write(writer, a.Item);
                }

                writer.WriteEndArray();
                break;
        }
    }

    // Each leaf in document order, as the steps that lead to it: a member name, or null for an array element.
    private static List<List<string?>> Leaves(Node root)
    {
        var leaves = new List<List<string?>>();
        Visit(root, []);
        return leaves;

        void Visit(Node node, List<string?> steps)
        {
            switch (node)
            {
                case ObjectNode { Members.Length: > 0 } o:
                    foreach (var (name, value) in o.Members)
                    {
                        Visit(value, [.. steps, name]);
                    }

                    break;
                case ArrayNode { Item: { } item }:
                    Visit(item, [.. steps, null]);
                    break;
                default:
                    leaves.Add(steps);
                    break;
            }
        }
    }

    // Reads a path back by the documented grammar, independently of the engine: names separated by '.', array
    // elements as "[]", and '\' taking the next character literally. Under an object root the first name has no dot.
    private static List<string?> Steps(string path, bool objectRoot)
    {
        var steps = new List<string?>();
        var i = 0;
        if (objectRoot)
        {
            steps.Add(ReadName(path, ref i));
        }

        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                i++;
                steps.Add(ReadName(path, ref i));
            }
            else
            {
                Assert.Equal("[]", path.Substring(i, 2));
                i += 2;
                steps.Add(null);
            }
        }

        return steps;
    }

    private static string ReadName(string path, ref int i)
    {
        var name = new StringBuilder();
        for (; i < path.Length && path[i] is not ('.' or '['); i++)
        {
            Assert.NotEqual(']', path[i]);
            name.Append(path[i] == '\\' ? path[++i] : path[i]);
        }

        return name.ToString();
    }

    private static void Collect(Node node, JsonElement element, List<string> values)
    {
        switch (node)
        {
            case ObjectNode { Members.Length: > 0 } o:
                Assert.Equal(o.Members.Length, element.EnumerateObject().Count());
                foreach (var (name, value) in o.Members)
                {
                    Collect(value, element.GetProperty(name), values);
                }

                break;
            case ArrayNode { Item: { } item }:
                Collect(item, element[0], values);
                break;
            default:
                values.Add(element.GetString()!);
                break;
        }
    }

    private abstract record Node
    {
        public sealed override string ToString() => Format(this); // a failing sample prints as its JSON
    }

    private sealed record LeafNode(string Json) : Node;

    private sealed record ObjectNode((string, Node)[] Members) : Node;

    private sealed record ArrayNode(Node? Item) : Node;
}
