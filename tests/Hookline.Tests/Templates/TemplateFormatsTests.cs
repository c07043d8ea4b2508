using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hookline.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Hookline.Tests.Templates;

/// <summary>Form templates, a template's time zone, and modifiers refused at save.</summary>
public class TemplateFormatsTests
{
    [Theory, Providers]
    public async Task FormTemplate_ListsItsKeys_AndPreviewsAsAnEncodedFormBody(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var template = await tenant.Client.PostOk("/api/v1/templates", new { name = "router", type = "form", format = "first=&last=&phone=%ani:e164%" });
        Assert.Equal("form", template.GetProperty("type").GetString());
        Assert.Equal(["first", "last", "phone"], template.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        var id = template.GetProperty("id").GetString();
        await tenant.Client.PutOk($"/api/v1/templates/{id}/mappings", new { mappings = new Dictionary<string, string> { ["first"] = "%ani_first_name|friend%" } });

        var preview = await tenant.Client.PostOk($"/api/v1/templates/{id}/preview",
            new { at = "end", call = new { ani = "7776734736", ani_first_name = "Zoë & Co = +1" } });
        Assert.Equal("application/x-www-form-urlencoded", preview.GetProperty("contentType").GetString());
        var form = QueryHelpers.ParseQuery(preview.GetProperty("body").GetString());
        Assert.Equal("Zoë & Co = +1", form["first"].ToString());
        Assert.Equal("+17776734736", form["phone"].ToString());

        var fallback = await tenant.Client.PostOk($"/api/v1/templates/{id}/preview", new { at = "end", call = new { ani = "7776734736" } });
        Assert.Equal("friend", QueryHelpers.ParseQuery(fallback.GetProperty("body").GetString())["first"].ToString());
    }

    [Theory, Providers]
    public async Task TimeZone_DefaultsToUtc_AndTimesAreWrittenWithTheOffset(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var template = await tenant.Client.PostOk("/api/v1/templates", new { name = "t", type = "json", format = """{"at": "%call_start_time%"}""" });
        Assert.Equal("UTC", template.GetProperty("timeZone").GetString());
        var id = template.GetProperty("id").GetString();
        Assert.Equal("UTC", (await tenant.Client.GetOk($"/api/v1/templates/{id}")).GetProperty("timeZone").GetString());
        Assert.Equal("2019-03-28T00:05:00+00:00", await RenderedAt(tenant, id, "2019-03-28T00:05:00.000Z"));
    }

    [Theory, Providers]
    public async Task TimeZone_IsStored_AndTimesAreWrittenInIt_AcrossDaylightSaving(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        var template = await tenant.Client.PostOk("/api/v1/templates",
            new { name = "t", type = "json", format = """{"at": "%call_start_time%"}""", timeZone = "America/New_York" });
        var id = template.GetProperty("id").GetString();
        Assert.Equal("America/New_York", (await tenant.Client.GetOk($"/api/v1/templates/{id}")).GetProperty("timeZone").GetString());
        // 10 March 2019, 2 a.m.: New York moved from UTC-5 to UTC-4.
        Assert.Equal("2019-03-10T01:59:00-05:00", await RenderedAt(tenant, id, "2019-03-10T06:59:00Z"));
        Assert.Equal("2019-03-10T03:01:00-04:00", await RenderedAt(tenant, id, "2019-03-10T07:01:00Z"));

        await tenant.Client.PutOk($"/api/v1/templates/{id}/mappings", new { mappings = new Dictionary<string, string>(), timeZone = "Europe/Paris" });
        Assert.Equal("2019-03-28T01:05:00+01:00", await RenderedAt(tenant, id, "2019-03-28T00:05:00Z"));
    }

    [Theory, Providers]
    public async Task TimeZone_Unknown_Is422_OnTimeZone_AndStoresNothing(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        foreach (var zone in new[] { "Mars/Olympus_Mons", "Eastern Standard Time", "../../etc/passwd", "" })
        {
            using var response = await tenant.Client.PostAsJsonAsync("/api/v1/templates",
                new { name = "zoned", type = "json", format = """{"at": "%call_start_time%"}""", timeZone = zone });
            var problem = await response.Problem(HttpStatusCode.UnprocessableEntity);
            Assert.Equal(["timeZone"], problem.ErrorFields());
        }
        var templates = await tenant.Client.GetOk("/api/v1/templates");
        Assert.DoesNotContain(templates.EnumerateArray(), t => t.GetProperty("name").GetString() == "zoned");
    }

    [Theory, Providers]
    public async Task UnknownModifier_IsRefusedAtSave_KeyedWhereItStands(string provider)
    {
        var tenant = await Tenant.CreateAsync(provider);
        using (var inFormat = await tenant.Client.PostAsJsonAsync("/api/v1/templates", new { name = "m", type = "json", format = """{"p": "%ani:shout%"}""" }))
            Assert.Equal(["format"], (await inFormat.Problem(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        using (var inForm = await tenant.Client.PostAsJsonAsync("/api/v1/templates", new { name = "m", type = "form", format = "p=%call_start_time:e164%" }))
            Assert.Equal(["format"], (await inForm.Problem(HttpStatusCode.UnprocessableEntity)).ErrorFields());

        var id = (await tenant.Client.PostOk("/api/v1/templates", new { name = "m", type = "json", format = """{"p": ""}""" })).GetProperty("id").GetString();
        using var inMapping = await tenant.Client.PutAsJsonAsync($"/api/v1/templates/{id}/mappings",
            new { mappings = new Dictionary<string, string> { ["p"] = "%ani:shout%" } });
        Assert.Equal(["mappings[p]"], (await inMapping.Problem(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    private static async Task<string?> RenderedAt(Tenant tenant, string? id, string startTime)
    {
        var preview = await tenant.Client.PostOk($"/api/v1/templates/{id}/preview", new { at = "begin", call = new { call_start_time = startTime } });
        using var body = JsonDocument.Parse(preview.GetProperty("body").GetString()!);
        return body.RootElement.GetProperty("at").GetString();
    }
}
