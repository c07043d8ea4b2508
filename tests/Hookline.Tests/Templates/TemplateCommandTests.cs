using System.Text.Json;
using System.Xml.Linq;

namespace Hookline.Tests.Templates;

public sealed class TemplateCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hookline-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, string content)
    {
        File.WriteAllText(Path.Combine(dir, name), content);
        return name;
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> Run(params string[] args) => HooklineCli.RunAsync(dir, args);

    private static JsonElement Json(string stdout) => JsonDocument.Parse(stdout).RootElement;

    private const string Lead = """
        {"lead": {"phone": "%ani%", "first": "", "subject": "Call from %ani_first_name% %ani_last_name%"},
         "phones": [{"number": "1"}, {"number": "2"}], "answered": 0, "steps": [{"q": "%question%", "r": "%response%"}]}
        """;

    [Fact]
    public async Task Fields_PrintsEachPathAndItsMapping_SeparatedByATab()
    {
        var (code, stdout, stderr) = await Run("fields", Write("lead.json", Lead));
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Equal(
            [
                "lead.phone\t%ani%", "lead.first\t", "lead.subject\tCall from %ani_first_name% %ani_last_name%",
                "phones[].number\t", "answered\t", "steps[].q\t%question%", "steps[].r\t%response%",
            ],
            stdout.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Fields_OfXml_FollowTheExtension_OrTheTypeOption()
    {
        const string adf = """<adf><prospect><customer><contact><name part="first">%ani_first_name%</name><name part="last"/></contact></customer></prospect></adf>""";
        var expected = "adf/prospect/customer/contact/name/@part\t\nadf/prospect/customer/contact/name\t%ani_first_name%\n";
        Assert.Equal((0, expected, ""), await Run("fields", Write("adf.XML", adf)));
        Assert.Equal((0, expected, ""), await Run("fields", "--type", "xml", Write("adf.txt", adf)));
        Assert.Equal((0, expected, ""), await Run("fields", Write("adf2.txt", adf), "--type=XML"));
    }

    [Fact]
    public async Task Form_ListsItsKeys_AndRendersAnEncodedBody()
    {
        Write("lead.form", "first=%ani_first_name%&note=Call+from+%ani%&source=Hookline\n");
        Assert.Equal((0, "first\t%ani_first_name%\nnote\tCall from %ani%\nsource\t\n", ""), await Run("fields", "lead.form"));
        Assert.Equal((0, "first=Freddy&note=Call+from+7776734736&source=Hookline\n", ""), await Run("render", "lead.form"));
        Assert.Equal((0, "first=Zo%C3%AB&note=Call+from+7776734736&source=Hookline\n", ""),
            await Run("render", "--type", "form", Write("lead.txt", "first=%ani_first_name%&note=Call+from+%ani%&source=Hookline"), "--map", "first=Zoë"));
        var (code, _, stderr) = await Run("fields", Write("bad.form", "first=&first="));
        Assert.Equal(2, code);
        Assert.Contains("bad.form: line 1, column 8: The key \"first\" appears twice", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fields_WarnOfUnknownTokens_OnStderr()
    {
        var (code, stdout, stderr) = await Run("fields", Write("t.json", """{"a": "%first_name%"}"""));
        Assert.Equal((0, "a\t\n"), (code, stdout));
        Assert.Contains("%first_name% is not a token", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_UsesTheExampleCall_AtTheEnd_ByDefault()
    {
        var (code, stdout, stderr) = await Run("render", Write("lead.json", Lead), "--map", "answered=%answered_time%");
        Assert.Equal((0, ""), (code, stderr));
        var body = Json(stdout);
        Assert.Equal("7776734736", body.GetProperty("lead").GetProperty("phone").GetString());
        Assert.Equal("Call from Freddy Krueger", body.GetProperty("lead").GetProperty("subject").GetString());
        Assert.Equal(29, body.GetProperty("answered").GetInt32());
        Assert.Equal(2, body.GetProperty("steps").GetArrayLength());
    }

    [Fact]
    public async Task Render_AtBegin_LeavesCallEndDataOut()
    {
        var (code, stdout, _) = await Run("render", Write("lead.json", Lead), "--at", "begin", "--map", "answered=%answered_time%");
        Assert.Equal(0, code);
        var body = Json(stdout);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("answered").ValueKind);
        Assert.Equal(0, body.GetProperty("steps").GetArrayLength());
    }

    [Fact]
    public async Task Render_WithACallFile_UsesItsValues_StepsAndTags()
    {
        var call = Write("call.json", """
            {"type": "call.end", "ani": "5550100", "ani_first_name": "Zoë \"Z\"", "dialed_time": 36,
             "prompt_responses": [{"question": "menu", "question_link": null, "response": "2"}], "tags": {"Region": "north"}}
            """);
        var (code, stdout, stderr) = await Run(
            "render", Write("lead.json", Lead), "--call", call, "--map", "lead.first=%ani_first_name%", "--map", "answered=%tags%");
        Assert.Equal((0, ""), (code, stderr));
        var body = Json(stdout);
        Assert.Equal("5550100", body.GetProperty("lead").GetProperty("phone").GetString());
        Assert.Equal("Zoë \"Z\"", body.GetProperty("lead").GetProperty("first").GetString());
        Assert.Equal("Call from Zoë \"Z\" ", body.GetProperty("lead").GetProperty("subject").GetString());
        Assert.Equal("north", body.GetProperty("answered").GetProperty("Region").GetString());
        Assert.Equal("2", body.GetProperty("steps")[0].GetProperty("r").GetString());
    }

    [Fact]
    public async Task Render_Xml_WritesAWellFormedBody()
    {
        var template = Write("lead.xml", """<?xml version="1.0"?><lead id="%callid%"><note>%ani_full_name% &amp; co</note><tags/></lead>""");
        var (code, stdout, _) = await Run("render", template, "--map", "lead/tags=%tags%");
        Assert.Equal(0, code);
        var lead = XDocument.Parse(stdout).Root!;
        Assert.Equal("093cc03c.e6a4.6ac6.978f.740b10afeaca", lead.Attribute("id")!.Value);
        Assert.Equal("Freddy Krueger & co", lead.Element("note")!.Value);
        Assert.Equal("south", lead.Element("tags")!.Element("tag")!.Value);
    }

    [Fact]
    public async Task Render_SplitsAMapAtTheEqualsSignAfterAPath_ThatHoldsOne()
    {
        var (code, stdout, _) = await Run("render", Write("t.json", """{"a=b": ""}"""), "--map", "a=b=%ani%");
        Assert.Equal((0, "7776734736"), (code, Json(stdout).GetProperty("a=b").GetString()));
    }

    [Fact]
    public async Task Fields_PrintEscapedPaths_AndRenderMapsByThem()
    {
        var template = Write("t.json", """{"a.b": "%ani%", "a": {"b": "%callid%"}, "x[]": ""}""");
        Assert.Equal((0, "a\\.b\t%ani%\na.b\t%callid%\nx\\[\\]\t\n", ""), await Run("fields", template));

        var (code, stdout, _) = await Run("render", template, "--map", @"a\.b=%tracking%", "--map", @"x\[\]=%ani%");
        Assert.Equal(0, code);
        var body = Json(stdout);
        Assert.Equal("7774839229", body.GetProperty("a.b").GetString());
        Assert.Equal("093cc03c.e6a4.6ac6.978f.740b10afeaca", body.GetProperty("a").GetProperty("b").GetString());
        Assert.Equal("7776734736", body.GetProperty("x[]").GetString());
    }

    [Theory]
    [InlineData("bad.json", "{\n  \"a\": 1,\n}", 3, 1)]
    [InlineData("bad.xml", "<lead>\n  <a></b>\n</lead>", 2, 8)]
    [InlineData("dtd.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>", 2, 1)]
    [InlineData("scalar.json", "  \"%ani%\"", 1, 3)]
    public async Task MalformedTemplate_Exits2_NamingLineAndColumn(string name, string format, int line, int column)
    {
        foreach (var command in new[] { "fields", "render" })
        {
            var (code, stdout, stderr) = await Run(command, Write(name, format));
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Contains($"line {line}", stderr, StringComparison.Ordinal);
            Assert.Contains($"column {column}", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("", "a command is missing")]
    [InlineData("list t.json", "unknown command 'list'")]
    [InlineData("render", "FILE is missing")]
    [InlineData("render missing.json", "does not exist")]
    [InlineData("render t.json --verbose", "unknown option '--verbose'")]
    [InlineData("fields t.json --at begin", "unknown option '--at'")]
    [InlineData("render t.json other.json", "unexpected argument 'other.json'")]
    [InlineData("render t.json --at noon", "--at must be begin or end")]
    [InlineData("render t.json --at", "--at needs a value")]
    [InlineData("render t.json --type yaml", "--type must be json, xml or form")]
    [InlineData("render t.txt", "pass --type json, --type xml or --type form")]
    [InlineData("render t.json --map a", "--map takes PATH=%token%")]
    [InlineData("render t.json --map b=%ani%", "no field 'b'")]
    [InlineData("render t.json --map a=%first_name%", "%first_name% is not a token")]
    [InlineData("render t.json --map a=%question%", "inside an array element")]
    [InlineData("render t.json --call nothing.json", "does not exist")]
    [InlineData("render t.json --call broken.json", "is not valid JSON")]
    [InlineData("render t.json --call shape.json", "wrong at 'prompt_responses'")]
    public async Task BadArguments_Exit1_WithAClearMessage(string args, string message)
    {
        Write("t.json", """{"a": ""}""");
        Write("t.txt", """{"a": ""}""");
        Write("broken.json", """{"ani": """);
        Write("shape.json", """{"prompt_responses": "pressed 1"}""");
        var (code, stdout, stderr) = await Run(args.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DotnetRun_ReadsFilesRelativeToTheCallersDirectory()
    {
        Write("lead.json", Lead);
        var (code, stdout, stderr) = await HooklineCli.DotnetRunAsync(dir, "render", "lead.json", "--at", "begin");
        Assert.Equal((0, ""), (code, stderr));
        Assert.Equal("7776734736", Json(stdout).GetProperty("lead").GetProperty("phone").GetString());
    }

    [Fact]
    public async Task Help_PrintsTheUsage()
    {
        var (code, stdout, _) = await Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("template render FILE", stdout, StringComparison.Ordinal);
    }
}
