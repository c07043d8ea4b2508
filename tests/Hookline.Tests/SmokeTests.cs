namespace Hookline.Tests;

public class SmokeTests
{
    [Fact]
    public void TemplateCommand_WithoutArguments_ExitsWithUsage()
    {
        using var err = new StringWriter();
        Assert.Equal(1, Hookline.Templates.TemplateCommand.Run([], TextWriter.Null, err));
        Assert.Contains("usage", err.ToString(), StringComparison.Ordinal);
    }
}
