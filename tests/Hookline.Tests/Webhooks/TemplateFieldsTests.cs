using Hookline.Webhooks;

namespace Hookline.Tests.Webhooks;

public class TemplateFieldsTests
{
    [Fact]
    public void TheDescriptionBesideAMapping_ReadsAsAPossessive_WhereTheSeedTableWritesBackslashS()
    {
        var described = TemplateFields.Describe("%ani_line_type%");
        Assert.StartsWith("Line Type - Caller's line type.", described, StringComparison.Ordinal);
        Assert.DoesNotContain("\\", described, StringComparison.Ordinal);
    }
}
