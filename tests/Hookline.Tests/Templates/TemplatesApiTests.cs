using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Templates;

public class TemplatesApiTests
{
    private const string LeadJson = """
        {"lead": {"first": "", "last": "", "phone": "%ani%", "subject": "Call from %ani_first_name% %ani_last_name%",
                  "phones": [{"type": "mobile", "number": ""}], "source": "hookline"}}
        """;

    [Theory, Providers]
    public async Task Create_ExtractsFields_InDocumentOrder_WithInlineTokensMapped(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var template = await tenant.Client.PostOk("/api/v1/templates", new { name = "CRM lead", type = "json", format = LeadJson });
        var fields = template.GetProperty("fields").EnumerateArray()
            .Select(f => (f.GetProperty("path").GetString(), f.GetProperty("token").GetString())).ToList();
        Assert.Equal(
        [
            ("lead.first", null), ("lead.last", null), ("lead.phone", "%ani%"),
            ("lead.subject", "Call from %ani_first_name% %ani_last_name%"),
            ("lead.phones[].type", null), ("lead.phones[].number", null), ("lead.source", null),
        ], fields);
        Assert.Equal(tenant.GroupId, template.GetProperty("groupId").GetString());
    }

    [Theory, Providers]
    public async Task Create_MalformedFormat_Is422_NamingLineAndColumn_AndStoresNothing(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        using var response = await tenant.Client.PostAsJsonAsync("/api/v1/templates",
            new { name = "broken", type = "json", format = "{\n  \"first\": \"a\",\n  \"last\": \n}" });
        var problem = await response.Problem(HttpStatusCode.UnprocessableEntity);
        var message = problem.GetProperty("errors").GetProperty("format")[0].GetString()!;
        Assert.Contains("line 4", message, StringComparison.Ordinal);
        Assert.Contains("column 1", message, StringComparison.Ordinal);
        var templates = await tenant.Client.GetOk("/api/v1/templates");
        Assert.DoesNotContain(templates.EnumerateArray(), t => t.GetProperty("name").GetString() == "broken");
    }

    [Theory, Providers]
    public async Task Create_MalformedXml_Is422_NamingLineAndColumn(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        using var response = await tenant.Client.PostAsJsonAsync("/api/v1/templates",
            new { name = "broken", type = "xml", format = "<lead>\n  <first></last>\n</lead>" });
        var message = (await response.Problem(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").GetProperty("format")[0].GetString()!;
        Assert.Contains("line 2", message, StringComparison.Ordinal);
        Assert.Contains("column", message, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task List_ForLocation_HasItsGroupsTemplatesAndBuiltIns_NotOtherGroups(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var other = await Tenant.CreateAsync(provider, "Other Dealer");
        var mine = await tenant.Client.PostOk("/api/v1/templates", new { name = "mine", type = "json", format = LeadJson });
        var theirs = await other.Client.PostOk("/api/v1/templates", new { name = "theirs", type = "json", format = LeadJson });

        var ids = (await tenant.Client.GetOk($"/api/v1/templates?locationId={tenant.LocationId}")).EnumerateArray()
            .Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Contains(mine.GetProperty("id").GetString(), ids);
        Assert.DoesNotContain(theirs.GetProperty("id").GetString(), ids);
        Assert.Contains("builtin-standard-json", ids);
        Assert.Contains("builtin-standard-xml", ids);
        Assert.Contains("builtin-adf-xml", ids);
        using var read = await other.Client.GetAsync($"/api/v1/templates/{mine.GetProperty("id").GetString()}");
        await read.Problem(HttpStatusCode.NotFound);
    }

    [Theory, Providers]
    public async Task SetMappings_ThenPreview_RendersTheCall(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var id = (await tenant.Client.PostOk("/api/v1/templates", new { name = "lead", type = "json", format = LeadJson })).GetProperty("id").GetString();
        var mapped = await tenant.Client.PutOk($"/api/v1/templates/{id}/mappings",
            new { mappings = new Dictionary<string, string> { ["lead.first"] = "%ani_first_name%", ["lead.last"] = "%ani_last_name%" } });
        Assert.Contains(mapped.GetProperty("fields").EnumerateArray(),
            f => f.GetProperty("path").GetString() == "lead.first" && f.GetProperty("token").GetString() == "%ani_first_name%");

        var preview = await tenant.Client.PostOk($"/api/v1/templates/{id}/preview",
            new { at = "end", call = new { ani = "5551234567", ani_first_name = "Zoë \"Z\" <O'Brien>", ani_last_name = "Smith" } });
        Assert.Equal("application/json", preview.GetProperty("contentType").GetString());
        using var body = JsonDocument.Parse(preview.GetProperty("body").GetString()!);
        var lead = body.RootElement.GetProperty("lead");
        Assert.Equal("Zoë \"Z\" <O'Brien>", lead.GetProperty("first").GetString());
        Assert.Equal("5551234567", lead.GetProperty("phone").GetString());
        Assert.Equal("Call from Zoë \"Z\" <O'Brien> Smith", lead.GetProperty("subject").GetString());
        Assert.Equal("hookline", lead.GetProperty("source").GetString());
    }

    [Theory, Providers]
    public async Task Preview_WithoutCall_UsesTheExampleCall(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var preview = await tenant.Client.PostOk("/api/v1/templates/builtin-standard-json/preview", new { at = "end" });
        using var body = JsonDocument.Parse(preview.GetProperty("body").GetString()!);
        Assert.Contains("7776734736", body.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task SetMappings_UnknownPathOrToken_Is422_AndChangesNothing(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var id = (await tenant.Client.PostOk("/api/v1/templates", new { name = "lead", type = "json", format = LeadJson })).GetProperty("id").GetString();
        using (var badPath = await tenant.Client.PutAsJsonAsync($"/api/v1/templates/{id}/mappings",
            new { mappings = new Dictionary<string, string> { ["lead.nope"] = "%ani%" } }))
            await badPath.Problem(HttpStatusCode.UnprocessableEntity);
        using (var badToken = await tenant.Client.PutAsJsonAsync($"/api/v1/templates/{id}/mappings",
            new { mappings = new Dictionary<string, string> { ["lead.first"] = "%not_a_token%" } }))
            await badToken.Problem(HttpStatusCode.UnprocessableEntity);
        var template = await tenant.Client.GetOk($"/api/v1/templates/{id}");
        Assert.Contains(template.GetProperty("fields").EnumerateArray(),
            f => f.GetProperty("path").GetString() == "lead.first" && f.GetProperty("token").ValueKind == JsonValueKind.Null);
    }

    [Theory, Providers]
    public async Task SetMappings_WithAControlCharacterOrOver2000Characters_Is422_ForThatMapping_AndChangesNothing(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var id = (await tenant.Client.PostOk("/api/v1/templates", new { name = "lead", type = "json", format = LeadJson })).GetProperty("id").GetString();
        await tenant.Client.PutOk($"/api/v1/templates/{id}/mappings", new { mappings = new Dictionary<string, string> { ["lead.last"] = "%ani_last_name%" } });
        var before = await tenant.Client.GetOk($"/api/v1/templates/{id}");

        foreach (var (bad, says) in new[] { ("Call from\t%ani%", "control character U+0009"), ("%ani% " + new string('x', 100_000), "at most 2,000") })
        {
            using var response = await tenant.Client.PutAsJsonAsync($"/api/v1/templates/{id}/mappings",
                new { mappings = new Dictionary<string, string> { ["lead.first"] = bad, ["lead.last"] = "%ani%" } });
            var problem = await response.Problem(HttpStatusCode.UnprocessableEntity);
            Assert.Equal(["mappings[lead.first]"], problem.ErrorFields());
            Assert.Contains(says, problem.GetProperty("errors").GetProperty("mappings[lead.first]")[0].GetString(), StringComparison.Ordinal);
        }

        var after = await tenant.Client.GetOk($"/api/v1/templates/{id}");
        Assert.Equal(before.GetProperty("mappings").GetRawText(), after.GetProperty("mappings").GetRawText());
        Assert.Equal(before.GetProperty("fields").GetRawText(), after.GetProperty("fields").GetRawText());
    }

    [Theory, Providers]
    public async Task Fields_EscapeDotsInMemberNames_AndMappingsTakeTheEscapedPath(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var created = await tenant.Client.PostOk("/api/v1/templates",
            new { name = "dotted", type = "json", format = """{"a.b": "%ani%", "a": {"b": "%callid%"}}""" });
        var id = created.GetProperty("id").GetString();
        Assert.Equal([@"a\.b", "a.b"], created.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("path").GetString()));

        await tenant.Client.PutOk($"/api/v1/templates/{id}/mappings", new { mappings = new Dictionary<string, string> { [@"a\.b"] = "%tracking%" } });
        var preview = await tenant.Client.PostOk($"/api/v1/templates/{id}/preview", new { at = "end" });
        using var body = JsonDocument.Parse(preview.GetProperty("body").GetString()!);
        Assert.Equal("7774839229", body.RootElement.GetProperty("a.b").GetString());
        Assert.Equal("093cc03c.e6a4.6ac6.978f.740b10afeaca", body.RootElement.GetProperty("a").GetProperty("b").GetString());
    }

    [Theory, Providers]
    public async Task Delete_WhileAWebhookUsesIt_Is409(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var id = (await tenant.Client.PostOk("/api/v1/templates", new { name = "lead", type = "json", format = LeadJson })).GetProperty("id").GetString();
        var webhook = await tenant.Client.PostOk($"/api/v1/locations/{tenant.LocationId}/webhooks",
            new { name = "CRM", url = "http://127.0.0.1:9/leads", templateId = id });
        using (var blocked = await tenant.Client.DeleteAsync($"/api/v1/templates/{id}")) await blocked.Problem(HttpStatusCode.Conflict);
        using (var deleteWebhook = await tenant.Client.DeleteAsync($"/api/v1/webhooks/{webhook.GetProperty("id").GetString()}"))
            Assert.Equal(HttpStatusCode.NoContent, deleteWebhook.StatusCode);
        using var deleted = await tenant.Client.DeleteAsync($"/api/v1/templates/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Theory, Providers]
    public async Task BuiltInTemplate_CannotBeDeletedOrRemapped(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        using (var delete = await tenant.Client.DeleteAsync("/api/v1/templates/builtin-adf-xml")) await delete.Problem(HttpStatusCode.Forbidden);
        using var remap = await tenant.Client.PutAsJsonAsync("/api/v1/templates/builtin-adf-xml/mappings", new { mappings = new { } });
        await remap.Problem(HttpStatusCode.Forbidden);
    }
}
