namespace Pathway.Commissioning;

public enum Rag { Green, Amber, Red }

/// <summary>How a figure stands against its contract target: green when met, amber within 10% of it, red otherwise.</summary>
public static class Targets
{
    public const decimal AmberMargin = 0.10m;

    /// <summary>Figures where less is better: waits, missed appointments and deaths. Everything else aims high.</summary>
    public static bool LowerIsBetter(string indicatorId) =>
        indicatorId is "waiting.median_days" or "waiting.over_3_weeks" or "access.dna_rate" or Indicators.Deaths.Id;

    /// <summary>"Within 10% of target" is relative to the target: for a 50% target, amber runs from 45% to just under 50%.</summary>
    public static Rag? StatusOf(string indicatorId, decimal? value, decimal target)
    {
        if (value is not { } v) return null;
        if (LowerIsBetter(indicatorId))
            return v <= target ? Rag.Green : v <= target * (1 + AmberMargin) ? Rag.Amber : Rag.Red;
        return v >= target ? Rag.Green : v >= target * (1 - AmberMargin) ? Rag.Amber : Rag.Red;
    }

    public static string TagClass(Rag? status) => status switch
    {
        Rag.Green => "nhsuk-tag nhsuk-tag--green",
        Rag.Amber => "nhsuk-tag nhsuk-tag--yellow",
        Rag.Red => "nhsuk-tag nhsuk-tag--red",
        _ => "nhsuk-tag nhsuk-tag--grey",
    };

    public static string Words(Rag? status) => status switch
    {
        Rag.Green => "Met",
        Rag.Amber => "Within 10%",
        Rag.Red => "Not met",
        _ => "No data",
    };
}
