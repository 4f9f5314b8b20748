using System.Globalization;

namespace Pathway.Prescribing;

/// <summary>How a dose reads on a page: "30 mg daily", "96 mg every 28 days".</summary>
public static class PrescriptionText
{
    public static string Dose(decimal mg) => $"{mg.ToString("0.#", CultureInfo.InvariantCulture)} mg";

    public static string Interval(int days) => days == 1 ? "daily" : $"every {days} days";

    public static string DoseAndInterval(Prescription p) => $"{Dose(p.DoseMg)} {Interval(p.DoseIntervalDays)}";
}
