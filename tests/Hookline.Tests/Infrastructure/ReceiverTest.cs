namespace Hookline.Tests.Infrastructure;

/// <summary>A test class whose every test gets a fresh <see cref="TestReceiver"/>, so request logs never mix.</summary>
public abstract class ReceiverTest : IAsyncLifetime
{
    protected TestReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync() => Receiver = await TestReceiver.StartAsync();

    public async Task DisposeAsync() => await Receiver.DisposeAsync();
}
