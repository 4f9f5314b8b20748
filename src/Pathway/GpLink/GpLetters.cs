using Pathway.Episodes;
using Pathway.Prescribing;

namespace Pathway.GpLink;

public enum GpLetterKind { Started, DoseChanged, Ended, Discharge }

/// <summary>A letter the GP should have: what changed, when, and the prescription it is about (none for discharge).</summary>
public sealed record GpLetter(GpLetterKind Kind, DateOnly Date, int? PrescriptionId, string Change)
{
    public string Title => Kind switch
    {
        GpLetterKind.Started => "Prescription started",
        GpLetterKind.DoseChanged => "Dose changed",
        GpLetterKind.Ended => "Prescription ended",
        _ => "Discharge from treatment",
    };

    public string Address(int episodeId) =>
        $"/episodes/{episodeId}/gp-letter?about={Kind}" + (PrescriptionId is { } p ? $"&prescription={p}" : "");
}

/// <summary>
/// The letters an episode calls for, once, for the case page's list and the letter page alike: a prescription started (one
/// that does not continue the same medicine from the day before), a dose changed (one that does, at another dose), a
/// prescription ended (no prescription of the same medicine takes over the next day) and discharge. A titration is a run of
/// prescriptions, so each step of it is a dose change, not a new start.
/// </summary>
public static class GpLetters
{
    public static List<GpLetter> Of(Episode episode, IReadOnlyCollection<Prescription> prescriptions)
    {
        var letters = new List<GpLetter>();
        foreach (var p in prescriptions.OrderBy(p => p.StartDate).ThenBy(p => p.Id))
        {
            var before = prescriptions.FirstOrDefault(q => q.Id != p.Id && q.Medicine == p.Medicine && q.EndDate == p.StartDate.AddDays(-1));
            var after = prescriptions.FirstOrDefault(q => q.Id != p.Id && q.Medicine == p.Medicine && p.EndDate is { } end && q.StartDate == end.AddDays(1));
            if (before is null)
                letters.Add(new(GpLetterKind.Started, p.StartDate, p.Id, $"{Medicine(p)} started at {Dose(p)}{Supervision(p)}."));
            else if (before.DoseMg != p.DoseMg || before.DoseIntervalDays != p.DoseIntervalDays)
                letters.Add(new(GpLetterKind.DoseChanged, p.StartDate, p.Id,
                    $"{Medicine(p)} dose changed from {Dose(before)} to {Dose(p)}{Supervision(p)}."));
            if (p.EndDate is { } ended && after is null)
                letters.Add(new(GpLetterKind.Ended, ended, p.Id, $"{Medicine(p)} ({Dose(p)}) ended. The last day of the prescription was {Web.Words.Date(ended)}."));
        }
        if (episode.DischargeDate is { } discharged)
        {
            var open = prescriptions.Where(p => p.StartDate <= discharged && (p.EndDate is null || p.EndDate > discharged)).ToList();
            var medication = open.Count == 0 ? "No prescription from this service was open at discharge."
                : "Open at discharge: " + string.Join("; ", open.Select(p => $"{Medicine(p)} {Dose(p)}")) + ". Please arrange continued prescribing where it is needed.";
            letters.Add(new(GpLetterKind.Discharge, discharged, null,
                $"Discharged from treatment: {Web.Words.Of(episode.DischargeReason).ToLowerInvariant()}. {medication}"));
        }
        return letters.OrderBy(l => l.Date).ThenBy(l => l.Kind).ToList();
    }

    private static string Medicine(Prescription p) => Web.Words.Of(p.Medicine);

    private static string Dose(Prescription p) =>
        $"{p.DoseMg.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} mg "
        + (p.DoseIntervalDays == 1 ? "daily" : $"every {p.DoseIntervalDays} days");

    private static string Supervision(Prescription p) =>
        p.SupervisedDaysPerWeek switch { 0 => "", 7 => ", taken under supervision daily", var d => $", taken under supervision {d} days a week" };
}
