namespace Hookline.Core.Templates;

/// <summary>The body format of a template.</summary>
public enum TemplateType
{
    Json,
    Xml,

    /// <summary>An <c>application/x-www-form-urlencoded</c> body: <c>first=&amp;last=&amp;phone=%ani%</c>.</summary>
    Form,
}
