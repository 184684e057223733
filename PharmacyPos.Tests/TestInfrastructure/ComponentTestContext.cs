using Bunit;
using MudBlazor.Services;

namespace PharmacyPos.Tests.TestInfrastructure;

/// <summary>
/// A bUnit context with MudBlazor's services. MudBlazor's services only dispose asynchronously, so the
/// context is disposed through xunit's async lifetime rather than Dispose.
/// </summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    protected ComponentTestContext()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
