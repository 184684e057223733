using Microsoft.AspNetCore.Components.Server.Circuits;

namespace PharmacyPos.Web.Infrastructure.Telemetry;

/// <summary>Keeps <see cref="PosMetrics.OpenCircuits"/>: each open register or back-office screen is one circuit.</summary>
internal sealed class OpenCircuitCounter : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        PosMetrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        PosMetrics.CircuitClosed();
        return Task.CompletedTask;
    }
}
