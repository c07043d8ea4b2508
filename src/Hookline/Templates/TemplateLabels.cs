namespace Hookline.Templates;

/// <summary>How pages name a template: its name, and its type where the name does not already say it.</summary>
public static class TemplateLabels
{
    public static string Name(TemplateView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Stored?.Name ?? view.BuiltIn!.Name;
    }

    /// <summary>JSON or XML.</summary>
    public static string Type(TemplateView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return (view.Stored?.Type ?? TemplateTypes.Name(view.BuiltIn!.Type)).ToUpperInvariant();
    }

    /// <summary>"Standard JSON", "Lead form (XML)".</summary>
    public static string Label(TemplateView view)
    {
        var (name, type) = (Name(view), Type(view));
        return name.Contains(type, StringComparison.OrdinalIgnoreCase) ? name : $"{name} ({type})";
    }
}
