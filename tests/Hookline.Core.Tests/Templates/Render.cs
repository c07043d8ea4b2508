using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Hookline.Core.Calls;
using Hookline.Core.Templates;

namespace Hookline.Core.Tests.Templates;

/// <summary>Parses, compiles and renders a template in one call, for tests.</summary>
internal static class Render
{
    public static string Text(
        TemplateType type, string format, CallData call, CallMoment at = CallMoment.End, Dictionary<string, string?>? map = null) =>
        Encoding.UTF8.GetString(Template.Parse(type, format).Compile(map ?? []).Render(call, at));

    public static JsonElement Json(string format, CallData call, CallMoment at = CallMoment.End, Dictionary<string, string?>? map = null)
    {
        using var document = JsonDocument.Parse(Text(TemplateType.Json, format, call, at, map));
        return document.RootElement.Clone();
    }

    public static XElement Xml(string format, CallData call, CallMoment at = CallMoment.End, Dictionary<string, string?>? map = null) =>
        XElement.Parse(Text(TemplateType.Xml, format, call, at, map), LoadOptions.PreserveWhitespace);

    public static Dictionary<string, string?> Map(params (string Path, string? Token)[] mappings) =>
        mappings.ToDictionary(m => m.Path, m => m.Token);
}
