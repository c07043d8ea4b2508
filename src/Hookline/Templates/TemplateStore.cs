using System.Collections.Concurrent;
using Hookline.Core.Templates;
using Hookline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Hookline.Templates;

/// <summary>
/// Finds templates (a group's own and the built-in ones) and keeps their compiled form: parsing and compiling
/// happen once per template version, not once per call.
/// </summary>
public sealed class TemplateStore
{
    // One entry per template: a new version (mappings changed) replaces the old one.
    private readonly ConcurrentDictionary<string, (long Version, CompiledTemplate Compiled)> _compiled = new(StringComparer.Ordinal);

    public static bool IsBuiltIn(string id) => BuiltInTemplates.All.Any(t => t.Id == id);

    public static async Task<bool> IsVisibleAsync(HooklineDbContext db, string id, string groupId, CancellationToken ct) =>
        IsBuiltIn(id) || await db.Templates.AnyAsync(t => t.Id == id && t.GroupId == groupId, ct).ConfigureAwait(false);

    /// <summary>The compiled template with its current mappings, or null if there is no such template.</summary>
    public async Task<CompiledTemplate?> GetCompiledAsync(HooklineDbContext db, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (BuiltInTemplates.All.FirstOrDefault(t => t.Id == id) is { } builtIn)
            return Get(id, 0, () => Template.Parse(builtIn.Type, builtIn.Format, TimeZoneInfo.Utc).Compile(builtIn.Mappings.ToDictionary(m => m.Key, string? (m) => m.Value)));
        var stored = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct).ConfigureAwait(false);
        return stored is null ? null : GetCompiled(stored);
    }

    public CompiledTemplate GetCompiled(StoredTemplate stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Get(stored.Id, stored.UpdatedAt.UtcTicks, () => Template.Parse(TemplateTypes.Parse(stored.Type), stored.Format, TemplateZones.Find(stored.TimeZone)).Compile(stored.Mappings));
    }

    private CompiledTemplate Get(string id, long version, Func<CompiledTemplate> compile)
    {
        if (_compiled.TryGetValue(id, out var entry) && entry.Version == version) return entry.Compiled;
        var compiled = compile();
        _compiled[id] = (version, compiled);
        return compiled;
    }

}

/// <summary>The API's names of template types.</summary>
public static class TemplateTypes
{
    public static TemplateType Parse(string type) => type switch
    {
        "xml" => TemplateType.Xml,
        "form" => TemplateType.Form,
        _ => TemplateType.Json,
    };

    public static string Name(TemplateType type) => type switch
    {
        TemplateType.Xml => "xml",
        TemplateType.Form => "form",
        _ => "json",
    };
}
