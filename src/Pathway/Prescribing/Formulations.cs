namespace Pathway.Prescribing;

/// <summary>The form and strength a medicine is dispensed as, and the unit its quantity is counted in.</summary>
public sealed record Formulation(string Form, decimal StrengthMg, string Strength, string Unit);

public static class Formulations
{
    /// <summary>The usual preparation of each medicine; a form names it so the pharmacy dispenses exactly that.</summary>
    public static Formulation Of(Medicine medicine) => medicine switch
    {
        Medicine.MethadoneOralSolution => new("Methadone hydrochloride oral solution", 1m, "1 mg/ml", "ml"),
        Medicine.BuprenorphineSublingual => new("Buprenorphine sublingual tablets", 2m, "2 mg", "tablets"),
        Medicine.BuprenorphineOralLyophilisate => new("Buprenorphine oral lyophilisates", 2m, "2 mg", "lyophilisates"),
        Medicine.BuprenorphineProlongedReleaseInjection => new("Buprenorphine prolonged-release injection", 1m, "as prescribed", "mg"),
        Medicine.Naltrexone => new("Naltrexone hydrochloride tablets", 50m, "50 mg", "tablets"),
        Medicine.Acamprosate => new("Acamprosate calcium gastro-resistant tablets", 333m, "333 mg", "tablets"),
        Medicine.Disulfiram => new("Disulfiram tablets", 200m, "200 mg", "tablets"),
        Medicine.Chlordiazepoxide => new("Chlordiazepoxide hydrochloride capsules", 5m, "5 mg", "capsules"),
        _ => new("As named on the prescription", 1m, "as prescribed", "mg"),
    };

    /// <summary>
    /// The quantity of the preparation for a dose over some days, and its unit: in the preparation's units when the dose is a
    /// whole number of them (60 mg of 1 mg/ml is 60 ml), otherwise in mg.
    /// </summary>
    public static (decimal Quantity, string Unit) Total(Medicine medicine, decimal doseMg, int days)
    {
        var f = Of(medicine);
        var units = doseMg / f.StrengthMg;
        var tenths = units * 10;
        return tenths == decimal.Truncate(tenths) ? (units * days, f.Unit) : (doseMg * days, "mg");
    }
}
