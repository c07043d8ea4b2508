using Hookline.Api;

namespace Hookline.Webhooks;

/// <summary>The rule of a webhook's optional <c>maxPerSecond</c>; the dispatcher enforces it (Deliveries/SendThrottle.cs).</summary>
public static class WebhookThrottle
{
    public const int Highest = 1000;

    public static void Validate(Validation v, int? maxPerSecond)
    {
        ArgumentNullException.ThrowIfNull(v);
        if (maxPerSecond is < 1 or > Highest)
            v.Add("maxPerSecond", $"maxPerSecond must be a whole number from 1 to {Highest}, or left out for no limit.");
    }
}
