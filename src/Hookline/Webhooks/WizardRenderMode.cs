using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Hookline.Webhooks;

internal static class WizardRenderMode
{
    /// <summary>
    /// Interactive on the server, not prerendered: the wizard appears once its circuit is up, so no button is ever shown
    /// before it can be used.
    /// </summary>
    public static readonly IComponentRenderMode Mode = new InteractiveServerRenderMode(prerender: false);
}
