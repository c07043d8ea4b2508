using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Hookline.Server;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>: every route, with the API-key bearer scheme.</summary>
public static class OpenApiSetup
{
    private const string SchemeName = "ApiKey";

    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Hookline API",
                Version = "v1",
                Description = "Webhooks for call tracking: templates, webhooks, where they fire, call intake and deliveries. " +
                    "Every /api/v1 route needs `Authorization: Bearer <api key>`.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key of a group, or an admin key.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
            return Task.CompletedTask;
        });
    }
}
