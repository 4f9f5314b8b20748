using Pathway.Episodes;

namespace Pathway.Prescribing;

/// <summary>The medicines of exchange-format.md version 2, in the spec's order; each code is the member's snake_case name.</summary>
public enum Medicine
{
    MethadoneOralSolution, BuprenorphineSublingual, BuprenorphineOralLyophilisate, BuprenorphineProlongedReleaseInjection,
    Naltrexone, Acamprosate, Disulfiram, Chlordiazepoxide, Other,
}

/// <summary>
/// A medicine at a dose over a span of days: a row of prescriptions.csv. A titration is a run of these, each ending the day
/// before the next starts.
/// </summary>
public class Prescription
{
    public int Id { get; set; }
    /// <summary>The source system of its episode: prescription_ref is unique within a source, as episode_ref is.</summary>
    public required string Source { get; set; }
    public required string PrescriptionRef { get; set; }
    public int EpisodeId { get; set; }
    public Episode Episode { get; set; } = null!;

    public Medicine Medicine { get; set; }
    /// <summary>Milligrams, to 1 decimal place.</summary>
    public decimal DoseMg { get; set; }
    /// <summary>1 = daily; 7 or 28 for a prolonged-release injection.</summary>
    public int DoseIntervalDays { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public int SupervisedDaysPerWeek { get; set; }
    /// <summary>The dispensing pharmacy's ODS code, e.g. FA123.</summary>
    public string? PharmacyOdsCode { get; set; }

    // Beyond prescriptions.csv: what a prescriber records on the case page (a loaded row keeps the defaults).
    /// <summary>Days a week the pharmacy hands out an instalment (1–7); the last instalment of a week carries the days it does not open.</summary>
    public int InstalmentDaysPerWeek { get; set; } = 7;
    /// <summary>Why a dose above the usual maximum, or a methadone start above 30 mg, was prescribed.</summary>
    public string? Reason { get; set; }
    /// <summary>Who prescribed it, for the prescription form; null for a loaded row.</summary>
    public string? PrescriberId { get; set; }
    public string? PrescriberName { get; set; }
    public List<PrescriptionForm> Forms { get; set; } = [];
    public List<DoseRecord> Doses { get; set; } = [];

    /// <summary>Whether the prescription covers a day.</summary>
    public bool Covers(DateOnly day) => StartDate <= day && (EndDate is null || EndDate >= day);
}

public static class Medicines
{
    /// <summary>indicators.md: "a prescription of methadone or buprenorphine in any form" keeps an opiate exit from being medication-free.</summary>
    public static readonly Medicine[] Substitutes =
    [
        Medicine.MethadoneOralSolution, Medicine.BuprenorphineSublingual, Medicine.BuprenorphineOralLyophilisate,
        Medicine.BuprenorphineProlongedReleaseInjection,
    ];
}
