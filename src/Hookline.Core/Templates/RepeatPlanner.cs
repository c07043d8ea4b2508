namespace Hookline.Core.Templates;

/// <summary>
/// Checks that each mapping fits where it is, and decides which groups repeat once per IVR step: the nearest
/// repeated group around a field mapped to %question%, %question_link% or %response%.
/// </summary>
internal static class RepeatPlanner
{
    public static bool[] Plan(TemplateDocument document, FieldBinding[] bindings)
    {
        var outline = document.Outline;
        var perStep = new bool[outline.Groups.Count];
        List<(FieldSlot Field, Expression Expression)>? unplaced = null;
        for (var i = 0; i < outline.Fields.Count; i++)
        {
            var field = outline.Fields[i];
            foreach (var expression in Effective(field, bindings[i]))
            {
                Check(field, expression);
                if (expression.Member is null)
                {
                    continue;
                }

                var group = NearestRepeated(outline, field.OwnerGroup);
                if (group >= 0)
                {
                    perStep[group] = true;
                }
                else if (document.RepeatsImplicitly)
                {
                    (unplaced ??= []).Add((field, expression));
                }
                else
                {
                    throw new TemplateMappingException(field.Path, document.MemberOutsideRepeat(expression.Member.Token));
                }
            }
        }

        if (unplaced is not null)
        {
            perStep[CommonElement(outline, unplaced)] = true;
        }

        return perStep;
    }

    private static IEnumerable<Expression> Effective(FieldSlot field, FieldBinding binding) =>
        binding.IsExplicit
            ? binding.Expression is null ? [] : [binding.Expression]
            : field.InlineExpressions;

    private static void Check(FieldSlot field, Expression expression)
    {
        if (expression.NestedInText is { } nested)
        {
            throw new TemplateMappingException(field.Path,
                $"{nested.Token} is a list or a set of pairs: map it alone to a field, not inside text, or write it as text: {nested.Token[..^1]}:text%.");
        }

        if (field.IsAttribute && expression.Single is { IsStructural: true } use)
        {
            throw new TemplateMappingException(field.Path,
                $"{use.Token.Token} becomes child elements, so it cannot be mapped to an attribute (as text it can: {use.Token.Token[..^1]}:text%).");
        }
    }

    private static int NearestRepeated(TemplateOutline outline, int group)
    {
        while (group >= 0 && !outline.Groups[group].IsRepeated)
        {
            group = outline.Groups[group].Parent;
        }

        return group;
    }

    // XML: when the example shows the step element once, the element that repeats is the innermost one holding
    // every step field; it cannot be the root, which XML allows only once.
    private static int CommonElement(TemplateOutline outline, List<(FieldSlot Field, Expression Expression)> fields)
    {
        var common = fields[0].Field.OwnerGroup;
        foreach (var (field, _) in fields)
        {
            while (!IsWithin(outline, field.OwnerGroup, common))
            {
                common = outline.Groups[common].Parent;
            }
        }

        if (outline.Groups[common].Parent < 0)
        {
            var (field, expression) = fields[0];
            throw new TemplateMappingException(field.Path,
                $"{expression.Member!.Token} is a value of one IVR step: map it inside an element below the root, which then repeats once per step.");
        }

        return common;
    }

    private static bool IsWithin(TemplateOutline outline, int group, int ancestor)
    {
        for (; group >= 0; group = outline.Groups[group].Parent)
        {
            if (group == ancestor)
            {
                return true;
            }
        }

        return false;
    }
}
