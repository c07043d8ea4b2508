namespace Hookline.Core.Templates;

/// <summary>The body format of a template.</summary>
public enum TemplateType
{
    Json,
    Xml,
}
