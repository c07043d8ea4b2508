using Hookline.Deliveries;

namespace Hookline.Tests.Deliveries;

/// <summary>The Delivery page's body: indented for reading when it parses, as it is when it does not.</summary>
public class PrettyBodyTests
{
    [Fact]
    public void Json_IsIndented_KeepingNumbersAndCharactersAsTheyAre()
    {
        var pretty = PrettyBody.Format("""{"first":"Zoë <b>","duration":29.50,"steps":[{"q":"one"}],"empty":{}}""", "application/json");

        Assert.Equal("""
            {
              "first": "Zoë <b>",
              "duration": 29.50,
              "steps": [
                {
                  "q": "one"
                }
              ],
              "empty": {}
            }
            """.ReplaceLineEndings("\n"), pretty.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Xml_IsIndented_WithItsDeclaration()
    {
        var pretty = PrettyBody.Format("""<?xml version="1.0" encoding="utf-8"?><adf><prospect status="new"><id>093cc03c</id></prospect></adf>""", "application/xml");

        Assert.Equal("""
            <?xml version="1.0" encoding="utf-8"?>
            <adf>
              <prospect status="new">
                <id>093cc03c</id>
              </prospect>
            </adf>
            """.ReplaceLineEndings("\n"), pretty.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("""{"callid": "x", """, "application/json")]
    [InlineData("<adf><prospect></adf>", "application/xml")]
    [InlineData("""<!DOCTYPE lol [<!ENTITY a "aaaa">]><x>&a;</x>""", "application/xml")]
    [InlineData("first=Freddy&last=Krueger", "application/x-www-form-urlencoded")]
    public void ABodyThatDoesNotParse_OrIsNeither_IsShownAsItIs(string body, string contentType) =>
        Assert.Equal(body, PrettyBody.Format(body, contentType));
}
