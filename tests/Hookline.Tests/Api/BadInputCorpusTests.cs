using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hookline.Tests.Infrastructure;

namespace Hookline.Tests.Api;

/// <summary>
/// Every operation of the served OpenAPI document, sent a corpus of bad input: hostile route and query values, and
/// bodies whose every member, one at a time, is given NUL, the wrong type, an overflowing number, a huge or deeply
/// nested value. Whatever comes, the answer is never a 5xx, a 4xx is problem+json, and a 400 names its field.
/// </summary>
public class BadInputCorpusTests
{
    private static readonly string[] BadSegments = ["%00", "a%00b", "x'%3B drop table deliveries; --", new string('9', 500), "%F0%9F", "..", "%E2%80%AE"];
    private static readonly string[] BadQueryValues = ["%00", "garbage", "-1", "1e999", "%F0%9F", new string('z', 5000)];

    private static readonly JsonNode?[] BadValues =
    [
        JsonValue.Create("a\0b"), JsonValue.Create(1e300), JsonNode.Parse("1e999"), JsonValue.Create("x"), JsonValue.Create(true), null,
        new JsonObject(), new JsonArray(), JsonValue.Create(new string('x', 100_000)), JsonValue.Create("\u0007\u001b[31m"),
        JsonNode.Parse(string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40))),
    ];

    private static readonly string[] BadBodies = ["", "null", "[]", "{", "\"text\"", "{\"a\": 1,}", "{\"\\ud800\": 1}"];

    /// <summary>A valid body for each operation that reads one; a mutation of one member then reaches that member's rule.</summary>
    private static Dictionary<string, string> BaseBodies(Dictionary<string, string> ids) => new()
    {
        ["POST /api/v1/groups"] = """{"name": "Corpus Motors"}""",
        ["POST /api/v1/groups/{groupId}/api-keys"] = """{"name": "k"}""",
        ["POST /api/v1/users"] = $$"""{"userName": "corpus-user", "password": "corpus password", "groupId": "{{ids["groups"]}}"}""",
        ["POST /api/v1/locations"] = $$"""{"groupId": "{{ids["groups"]}}", "name": "Branch", "city": "Los Angeles", "zip": "91741"}""",
        ["PUT /api/v1/locations/{id}"] = """{"name": "Auto ID", "addressLine1": "157 Main Street", "state": "CA"}""",
        ["POST /api/v1/calls/events"] = $$"""{"type": "call.begin", "callid": "corpus-1", "tracking": "{{ids["tracking"]}}", "ani": "7776734736"}""",
        ["POST /api/v1/templates"] = $$$"""{"groupId": "{{{ids["groups"]}}}", "name": "t", "type": "json", "format": "{\"phone\": \"%ani%\"}", "mappings": {"phone": "%ani%"}}""",
        ["PUT /api/v1/templates/{id}/mappings"] = """{"mappings": {"phone": "%ani%"}}""",
        ["POST /api/v1/templates/{id}/preview"] = """{"at": "end", "call": {"ani": "7776734736", "tags": {"Region": "south"}, "prompt_responses": [{"question": "one", "response": "1"}]}}""",
        ["POST /api/v1/locations/{locationId}/webhooks"] = Webhook(ids),
        ["PUT /api/v1/webhooks/{id}"] = Webhook(ids),
        ["POST /api/v1/locations/{locationId}/campaigns"] = Campaign(ids),
        ["PUT /api/v1/campaigns/{id}"] = Campaign(ids),
        ["POST /api/v1/locations/{locationId}/treatments"] = Treatment(ids),
        ["PUT /api/v1/treatments/{id}"] = Treatment(ids),
        ["POST /api/v1/webhooks/{id}/recover"] = """{"since": "2026-01-01T00:00:00Z"}""",
        ["POST /api/v1/deliveries/retry"] = """{"status": "failed", "since": "2026-01-01T00:00:00Z", "callId": "c-1"}""",
    };

    private static string Webhook(Dictionary<string, string> ids) => $$"""
        {"name": "w", "url": "http://127.0.0.1:9/", "templateId": "{{ids["templates"]}}", "method": "PUT",
         "headers": [{"name": "X-Api-Key", "value": "k", "secret": true}], "successCodes": [200, 204],
         "auth": {"type": "oauth2", "tokenUrl": "http://127.0.0.1:9/token", "clientId": "c", "clientSecret": "s", "scope": "x"},
         "retrySchedule": [0, 60], "retryWindowSeconds": 3600}
        """;

    private static string Campaign(Dictionary<string, string> ids) => $$"""
        {"name": "c", "kind": "offline", "trackingNumbers": ["{{ids["tracking"]}}"], "tags": {"Region": "south"},
         "treatmentId": "{{ids["treatments"]}}", "webhooks": [{"webhookId": "{{ids["webhooks"]}}", "at": "begin"}]}
        """;

    private static string Treatment(Dictionary<string, string> ids) => $$"""
        {"name": "menu", "question": "one", "questionLink": "https://app.example.com/q.wav",
         "options": [{"digit": "1", "name": "Sales", "webhooks": [{"webhookId": "{{ids["webhooks"]}}", "at": "select"}]}]}
        """;

    [Theory, Providers]
    public async Task EveryOperation_GivenBadInput_AnswersA4xxProblem_NamingTheFieldOfEvery400(string provider)
    {
        var owner = await Tenant.CreateAsync(provider);
        var ids = await OwnedResources.CreateAsync(owner);
        var bases = BaseBodies(ids);
        using var admin = owner.App.Client();
        using var document = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json"));
        var failures = new List<string>();
        var sent = 0;

        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                var route = $"{method} {path.Name}";
                var segments = path.Name.Split('/');
                var concrete = string.Join('/', segments.Select((s, i) => s.StartsWith('{') ? ids[segments[i - 1]] : s));
                var hasBody = operation.Value.TryGetProperty("requestBody", out _);
                Assert.True(!hasBody || bases.ContainsKey(route), $"{route} reads a body: give it a base body here, so its members are tried");
                var body = hasBody ? bases[route] : null;

                // Each route value in turn made hostile, the others left valid.
                for (var i = 0; i < segments.Length; i++)
                {
                    if (!segments[i].StartsWith('{')) continue;
                    foreach (var bad in BadSegments)
                    {
                        var target = string.Join('/', segments.Select((s, j) => j == i ? bad : s.StartsWith('{') ? ids[segments[j - 1]] : s));
                        await CheckAsync(admin, method, target, body, "application/json", failures, route);
                        sent++;
                    }
                }
                // Each query parameter in turn.
                if (operation.Value.TryGetProperty("parameters", out var parameters))
                {
                    foreach (var parameter in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query"))
                    {
                        foreach (var bad in BadQueryValues)
                        {
                            await CheckAsync(admin, method, $"{concrete}?{parameter.GetProperty("name").GetString()}={bad}", body, "application/json", failures, route);
                            sent++;
                        }
                    }
                }
                if (body is null) continue;
                // The body as a whole, then each of its members, one at a time.
                foreach (var bad in BadBodies)
                {
                    await CheckAsync(admin, method, concrete, bad, "application/json", failures, route);
                    sent++;
                }
                await CheckAsync(admin, method, concrete, body, "text/plain", failures, route);
                await CheckAsync(admin, method, concrete, body, null, failures, route);
                foreach (var mutated in Mutations(JsonNode.Parse(body)!))
                {
                    await CheckAsync(admin, method, concrete, mutated, "application/json", failures, route);
                    sent++;
                }
            }
        }
        Assert.True(sent > 1000, $"only {sent} requests were sent");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} answers broke the contract:\n{string.Join('\n', failures.Take(60))}");
        // The owner's data is still readable after all of it.
        Assert.Equal(owner.LocationId, (await owner.Client.GetOk($"/api/v1/locations/{owner.LocationId}")).GetProperty("id").GetString());
    }

    /// <summary>The body with one member (at any depth, array elements included) replaced by each bad value.</summary>
    private static IEnumerable<string> Mutations(JsonNode root)
    {
        var places = new List<object[]>();
        Collect(root, [], places);
        foreach (var place in places)
        {
            foreach (var bad in BadValues)
            {
                var copy = JsonNode.Parse(root.ToJsonString())!;
                var parent = Navigate(copy, place[..^1]);
                if (place[^1] is string name) parent.AsObject()[name] = bad?.DeepClone();
                else parent.AsArray()[(int)place[^1]] = bad?.DeepClone();
                yield return copy.ToJsonString();
            }
            // A member name that is hostile too, where names are data (tags, mappings, call values).
            if (place[^1] is string member)
            {
                var copy = JsonNode.Parse(root.ToJsonString())!;
                var parent = Navigate(copy, place[..^1]).AsObject();
                var value = parent[member]?.DeepClone();
                parent.Remove(member);
                parent[member + "\0"] = value;
                yield return copy.ToJsonString();
            }
        }
    }

    /// <summary>Every member and element below <paramref name="node"/>, each as its path of names and indexes.</summary>
    private static void Collect(JsonNode node, object[] path, List<object[]> places)
    {
        IEnumerable<(object Key, JsonNode? Child)> children = node switch
        {
            JsonObject obj => obj.Select(m => ((object)m.Key, m.Value)),
            JsonArray array => array.Select((child, i) => ((object)i, child)),
            _ => [],
        };
        foreach (var (key, child) in children.ToList())
        {
            object[] place = [.. path, key];
            places.Add(place);
            if (child is not null) Collect(child, place, places);
        }
    }

    private static JsonNode Navigate(JsonNode node, object[] path) =>
        path.Aggregate(node, (n, key) => key is string name ? n[name]! : n[(int)key]!);

    private static async Task CheckAsync(HttpClient client, HttpMethod method, string target, string? body, string? contentType, List<string> failures, string route)
    {
        using var request = new HttpRequestMessage(method, target);
        if (body is not null && method != HttpMethod.Get && method != HttpMethod.Delete)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }
        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var shown = $"{route} as {method} {Clip(target)} with {Clip(body ?? "(no body)")} [{contentType}]";
        if (status >= 500) { failures.Add($"{status} for {shown}: {Clip(text)}"); return; }
        if (status < 400) return;
        // Kestrel itself refuses a NUL in the request target, before any of Hookline's code runs: an empty 400 that
        // closes the connection. The contract leaves that answer to Kestrel.
        if (status == 400 && target.Split('?')[0].Contains("%00", StringComparison.Ordinal) && text.Length == 0 && response.Headers.ConnectionClose == true) return;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            failures.Add($"{status} without problem+json for {shown}: {Clip(text)}");
            return;
        }
        if (status != 400) return;
        using var problem = JsonDocument.Parse(text);
        if (!problem.RootElement.TryGetProperty("errors", out var errors) || !errors.EnumerateObject().Any())
            failures.Add($"400 without errors for {shown}: {Clip(text)}");
    }

    private static string Clip(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
