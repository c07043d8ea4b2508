using Hookline.Deliveries;
using Microsoft.Extensions.Options;

namespace Hookline.Tests.Deliveries;

/// <summary>What a recorded attempt does to its webhook's health, and when that needs writing.</summary>
public sealed class WebhookHealthTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static DeliveryTransitions Transitions()
    {
        var options = Options.Create(new DeliveryOptions());
        return new DeliveryTransitions(new RetryPolicy(options, new Random(1)), options);
    }

    private static AttemptResult Result(bool delivered) =>
        new(delivered, delivered ? 200 : 500, TimeSpan.FromMilliseconds(5), delivered ? null : "HTTP 500 is not a success code", null, null, Now);

    [Fact]
    public void ASuccess_WithinASecondOfTheLastOne_ChangesNothingToWrite()
    {
        var health = new WebhookHealth { WebhookId = "w", LastSuccessAt = Now.AddMilliseconds(-400) };
        Transitions().Apply(health, Result(delivered: true), Now);
        Assert.False(health.Changed);
        Assert.Equal(Now.AddMilliseconds(-400), health.LastSuccessAt);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(60_000)]
    public void ASuccess_ASecondOrMoreAfterTheLastOne_IsWritten(int sinceMs)
    {
        var health = new WebhookHealth { WebhookId = "w", LastSuccessAt = Now.AddMilliseconds(-sinceMs) };
        Transitions().Apply(health, Result(delivered: true), Now);
        Assert.True(health.Changed);
        Assert.Equal(Now, health.LastSuccessAt);
    }

    [Fact]
    public void TheFirstSuccess_AndASuccessAfterFailures_AreWritten()
    {
        var first = new WebhookHealth { WebhookId = "w" };
        Transitions().Apply(first, Result(delivered: true), Now);
        Assert.True(first.Changed);

        var failing = new WebhookHealth { WebhookId = "w", ConsecutiveFailures = 2, LastSuccessAt = Now.AddMilliseconds(-100) };
        Transitions().Apply(failing, Result(delivered: true), Now);
        Assert.True(failing.Changed);
        Assert.Equal(0, failing.ConsecutiveFailures);
    }

    [Fact]
    public void ASuccess_OfAWebhookThatWasDown_BringsItUp_AndIsWritten()
    {
        var down = new WebhookHealth { WebhookId = "w", IsDown = true, ConsecutiveFailures = 9, LastSuccessAt = Now.AddMilliseconds(-100), NextProbeAt = Now };
        Transitions().Apply(down, Result(delivered: true), Now);
        Assert.True(down.Changed);
        Assert.True(down.Recovered);
        Assert.False(down.IsDown);
        Assert.Null(down.NextProbeAt);
    }

    [Fact]
    public void EveryFailure_IsWritten()
    {
        var health = new WebhookHealth { WebhookId = "w", LastSuccessAt = Now.AddMilliseconds(-100) };
        Transitions().Apply(health, Result(delivered: false), Now);
        Assert.True(health.Changed);
        Assert.Equal(1, health.ConsecutiveFailures);
        Assert.Equal(Now, health.LastFailureAt);
    }
}
