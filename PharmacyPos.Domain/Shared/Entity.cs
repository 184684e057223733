namespace PharmacyPos.Domain.Shared;

/// <summary>Identity for aggregates: a time-ordered GUID made where the thing is created (the register, the browser), so a retry carries the same id.</summary>
public abstract class Entity
{
    public Guid Id { get; protected init; } = Guid.CreateVersion7();
}
