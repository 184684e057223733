namespace PharmacyPos.Domain.Catalog;

/// <summary>Controlled Substances Act schedules (21 U.S.C. 812). Schedule I is never sold.</summary>
public enum DeaSchedule
{
    None = 0,
    II = 2,
    III = 3,
    IV = 4,
    V = 5,
}

public static class DeaScheduleExtensions
{
    public static bool IsControlled(this DeaSchedule schedule) => schedule != DeaSchedule.None;

    /// <summary>How the schedule is shown everywhere an item appears: "C-II" as on the label.</summary>
    public static string Label(this DeaSchedule schedule) => schedule switch
    {
        DeaSchedule.None => "",
        DeaSchedule.II => "C-II",
        DeaSchedule.III => "C-III",
        DeaSchedule.IV => "C-IV",
        DeaSchedule.V => "C-V",
        _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, "Not a DEA schedule."),
    };
}
