using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PharmacyPos.Web.Infrastructure.Telemetry;

namespace PharmacyPos.Tests.Infrastructure.Telemetry;

/// <summary>Listens to the POS meter and Npgsql's, as an exporter would, and keeps every measurement by instrument name.</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Name, double Value, Dictionary<string, object?> Tags)> _measurements = new();

    public MetricsRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name is PosMetrics.MeterName or PosMetrics.NpgsqlMeterName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        _listener.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
        _listener.Start();
    }

    public void Observe() => _listener.RecordObservableInstruments();

    public IReadOnlyList<(double Value, Dictionary<string, object?> Tags)> Of(string name) =>
        [.. _measurements.Where(m => m.Name == name).Select(m => (m.Value, m.Tags))];

    public double Sum(string name, string? tag = null, object? value = null) =>
        Of(name).Where(m => tag is null || Equals(m.Tags.GetValueOrDefault(tag), value)).Sum(m => m.Value);

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var (k, v) in tags) copy[k] = v;
        _measurements.Enqueue((instrument.Name, value, copy));
    }

    public void Dispose() => _listener.Dispose();
}
