namespace Hookline.Core.Templates;

/// <summary>
/// What parsing extracts besides the tree: the fields (leaf paths, repeated siblings folded into one), the
/// groups that can repeat (JSON array elements, XML elements), and the unknown <c>%words%</c>.
/// </summary>
internal sealed class TemplateOutline
{
    private readonly Dictionary<string, int> fieldsByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> groupsByPath = new(StringComparer.Ordinal);
    private readonly List<string> unknownTokens = [];

    public List<FieldSlot> Fields { get; } = [];

    public List<GroupSlot> Groups { get; } = [];

    public IReadOnlyList<string> UnknownTokens => unknownTokens;

    public bool TryGetField(string path, out int index) => fieldsByPath.TryGetValue(path, out index);

    /// <summary>The field of a leaf occurrence: the existing one for its path, or a new one.</summary>
    public int Field(string path, int ownerGroup, bool isAttribute, TextPosition at)
    {
        if (fieldsByPath.TryGetValue(path, out var index))
        {
            return index;
        }

        if (Fields.Count == TemplateLimits.MaxFields)
        {
            throw TemplateLimits.TooManyFields(at);
        }

        Fields.Add(new FieldSlot(path, ownerGroup, isAttribute));
        fieldsByPath.Add(path, Fields.Count - 1);
        return Fields.Count - 1;
    }

    /// <summary>Reads a leaf's example text for inline tokens; returns the expression when it has any.</summary>
    public Expression? Inline(int field, string literal, TextPosition at)
    {
        if (literal.IndexOf('%', StringComparison.Ordinal) < 0)
        {
            return null;
        }

        Expression expression;
        try
        {
            expression = Expression.Parse(literal);
        }
        catch (TokenSyntaxException e)
        {
            throw at.Error(e.Message, e);
        }

        foreach (var word in expression.UnknownTokens)
        {
            if (!unknownTokens.Contains(word))
            {
                unknownTokens.Add(word);
            }
        }

        if (!expression.HasTokens)
        {
            return null;
        }

        Fields[field].AddInline(expression, at);
        return expression;
    }

    public int Group(string path, int parent)
    {
        if (!groupsByPath.TryGetValue(path, out var index))
        {
            Groups.Add(new GroupSlot(path, parent));
            index = Groups.Count - 1;
            groupsByPath.Add(path, index);
        }

        return index;
    }
}

/// <summary>One field: a leaf path and what its occurrences carry inline.</summary>
internal sealed class FieldSlot(string path, int ownerGroup, bool isAttribute)
{
    private readonly List<Expression> inline = [];

    public string Path { get; } = path;

    /// <summary>The innermost group holding the leaf (JSON: array element; XML: the element), or -1.</summary>
    public int OwnerGroup { get; } = ownerGroup;

    public bool IsAttribute { get; } = isAttribute;

    /// <summary>The distinct inline expressions of its occurrences, in document order.</summary>
    public IReadOnlyList<Expression> InlineExpressions => inline;

    public Expression? FirstInline => inline.Count > 0 ? inline[0] : null;

    public TextPosition InlinePosition { get; private set; }

    public void AddInline(Expression expression, TextPosition at)
    {
        if (inline.Count == 0)
        {
            InlinePosition = at;
        }

        if (!inline.Exists(e => e.Text == expression.Text))
        {
            inline.Add(expression);
        }
    }
}

/// <summary>A place that can repeat: a JSON array's elements, or an XML element (repeated when it has same-named siblings).</summary>
internal sealed class GroupSlot(string path, int parent)
{
    public string Path { get; } = path;

    public int Parent { get; } = parent;

    public bool IsRepeated { get; set; }
}
