using Hookline.Deliveries;
using Microsoft.Extensions.Options;

namespace Hookline.Tests.Deliveries;

public sealed class RetryPolicyTests
{
    private static readonly DateTimeOffset Created = new(2019, 3, 28, 0, 5, 0, TimeSpan.Zero);

    [Fact]
    public void Retries_FollowTheSchedule_ThenRepeatEvery12Hours()
    {
        var policy = Policy(o => o.Jitter = 0);
        TimeSpan[] expected =
        [
            TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
            TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
            TimeSpan.FromHours(12), TimeSpan.FromHours(12),
        ];

        var delays = Enumerable.Range(1, expected.Length).Select(failed => policy.NextAttemptAt(failed, Created, Created, null) - Created);

        Assert.Equal(expected.Cast<TimeSpan?>(), delays);
    }

    [Fact]
    public void DefaultSchedule_KeepsTryingForThreeDays_WithTheLastAttemptAtTheWindowsEnd_ThenGivesUp()
    {
        var policy = Policy(o => o.Jitter = 0);
        var attempts = new List<DateTimeOffset> { Created };

        // Every attempt fails, and each is made exactly when it is due.
        while (policy.NextAttemptAt(attempts.Count, Created, attempts[^1], null) is { } next)
        {
            attempts.Add(next);
        }

        Assert.Equal(13, attempts.Count);
        Assert.Equal(Created + TimeSpan.FromHours(63) + TimeSpan.FromMinutes(35) + TimeSpan.FromSeconds(5), attempts[^2]);
        Assert.Equal(Created + TimeSpan.FromDays(3), attempts[^1]);
    }

    [Fact]
    public void NextAttempt_IsNull_OnceTheRetryWindowIsOver()
    {
        var policy = Policy();

        Assert.Null(policy.NextAttemptAt(3, Created, Created + TimeSpan.FromDays(3), null));
        Assert.Null(policy.NextAttemptAt(3, Created, Created + TimeSpan.FromDays(30), null));
        Assert.NotNull(policy.NextAttemptAt(3, Created, Created + TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1), null));
    }

    [Fact]
    public void Jitter_SpreadsDelays_WithinPlusOrMinus20Percent()
    {
        var policy = Policy(random: new Random(20190328));
        var delays = Enumerable.Range(0, 2000)
            .Select(_ => (policy.NextAttemptAt(5, Created, Created, null)!.Value - Created).TotalMinutes)
            .ToList();

        Assert.All(delays, d => Assert.InRange(d, 96, 144));
        Assert.True(delays.Min() < 100 && delays.Max() > 140, "jitter should use most of its range");
    }

    [Fact]
    public void Jitter_LeavesTheImmediateFirstRetryImmediate()
    {
        var policy = Policy(random: new Random(7));

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(Created, policy.NextAttemptAt(1, Created, Created, null)));
    }

    [Theory]
    [InlineData(2, 120, 120)]     // a longer Retry-After than the 5 s step is honoured
    [InlineData(2, 1, 5)]         // a shorter one does not hurry the schedule
    [InlineData(2, 18000, 3600)]  // 5 h is held to MaxRetryAfter (1 h)
    [InlineData(6, 1800, 18000)]  // the 5 h step already waits longer than asked
    public void RetryAfter_LengthensTheWait_UpToMaxRetryAfter(int failedAttempts, int retryAfterSeconds, int expectedSeconds)
    {
        var policy = Policy(o => o.Jitter = 0);

        var next = policy.NextAttemptAt(failedAttempts, Created, Created, TimeSpan.FromSeconds(retryAfterSeconds));

        Assert.Equal(Created + TimeSpan.FromSeconds(expectedSeconds), next);
    }

    [Fact]
    public void RetryAfter_CannotPushAnAttemptPastTheWindowsEnd()
    {
        var policy = Policy(o => o.Jitter = 0);
        var now = Created + TimeSpan.FromDays(3) - TimeSpan.FromMinutes(10);

        Assert.Equal(Created + TimeSpan.FromDays(3), policy.NextAttemptAt(4, Created, now, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void ShrunkSchedule_FromOptions_IsUsed()
    {
        var policy = Policy(o =>
        {
            o.Jitter = 0;
            o.RetrySchedule.Clear();
            o.RetrySchedule.Add(TimeSpan.FromMilliseconds(10));
            o.RepeatInterval = TimeSpan.FromMilliseconds(50);
            o.RetryWindow = TimeSpan.FromSeconds(1);
        });

        Assert.Equal(Created + TimeSpan.FromMilliseconds(10), policy.NextAttemptAt(1, Created, Created, null));
        Assert.Equal(Created + TimeSpan.FromMilliseconds(50), policy.NextAttemptAt(2, Created, Created, null));
        Assert.Null(policy.NextAttemptAt(3, Created, Created + TimeSpan.FromSeconds(1), null));
    }

    [Fact]
    public void Probes_BackOff_ThenRepeatTheLastDelay()
    {
        var policy = Policy(o => o.Jitter = 0);

        var delays = Enumerable.Range(0, 7).Select(failed => policy.NextProbeAt(failed, Created) - Created);

        Assert.Equal(
            [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5),
             TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10)],
            delays);
    }

    [Fact]
    public void Probes_HonourRetryAfter_WithinMaxRetryAfter()
    {
        var policy = Policy(o => o.Jitter = 0);

        Assert.Equal(Created + TimeSpan.FromMinutes(20), policy.NextProbeAt(4, Created, TimeSpan.FromMinutes(20)));
        Assert.Equal(Created + TimeSpan.FromHours(1), policy.NextProbeAt(4, Created, TimeSpan.FromHours(6)));
    }

    [Fact]
    public void Probes_AreJittered()
    {
        var policy = Policy(random: new Random(11));
        var delays = Enumerable.Range(0, 500).Select(_ => (policy.NextProbeAt(4, Created) - Created).TotalSeconds).ToList();

        Assert.All(delays, d => Assert.InRange(d, 480, 720));
        Assert.True(delays.Distinct().Count() > 1);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(50, true)]
    public void Webhook_IsDown_AfterFiveFailuresInARow(int consecutiveFailures, bool down)
    {
        Assert.Equal(down, Policy().IsDown(consecutiveFailures));
    }

    [Fact]
    public void NextAttempt_NeedsAtLeastOneFailure()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy().NextAttemptAt(0, Created, Created, null));
    }

    private static RetryPolicy Policy(Action<DeliveryOptions>? configure = null, Random? random = null)
    {
        var options = new DeliveryOptions();
        configure?.Invoke(options);
        return new RetryPolicy(Options.Create(options), random ?? new Random(1));
    }
}
