namespace Hookline.Core.Templates;

/// <summary>One extracted field of a template and what it is mapped to.</summary>
/// <param name="Path">
/// The field path: <c>lead.phones[].number</c> (JSON, a member name's <c>.</c>, <c>[</c>, <c>]</c> and <c>\</c>
/// escaped with <c>\</c>: <c>lead.e\.mail</c>) or <c>adf/prospect/customer/contact/name/@part</c> (XML).
/// </param>
/// <param name="Token">The mapping expression: <c>%ani%</c>, text with tokens inside (<c>Call from %ani_first_name%</c>), or null when unmapped.</param>
public sealed record TemplateField(string Path, string? Token);
