using Microsoft.AspNetCore.Mvc;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.Assessments;

/// <summary>Triage: the episode's triage date, substances and injecting, with housing, work and risk.</summary>
public class TriageModel(PathwayDb db, RecordAccess access) : CaseFormModel(db)
{
    [BindProperty] public TriageInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        var risk = Db.RiskAssessments.Where(r => r.EpisodeId == Id).OrderByDescending(r => r.Id).FirstOrDefault();
        Input = new TriageInput
        {
            TriageDate = Episode.TriageDate ?? Today, Substance1 = Episode.Substance1, Substance2 = Episode.Substance2, Substance3 = Episode.Substance3,
            InjectingStatus = Episode.InjectingStatus, Housing = risk?.Housing, Employment = risk?.Employment,
            OverdoseRisk = risk?.OverdoseRisk ?? false, SelfHarmRisk = risk?.SelfHarmRisk ?? false,
            SafeguardingConcern = risk?.SafeguardingConcern ?? false, DomesticAbuse = risk?.DomesticAbuse ?? false, Notes = risk?.Notes,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        return await ActAsync(mode => Assessing.TriageAsync(Db, access, Worker, Id, Version, Input, cancel, mode), cancel, nameof(Input));
    }
}
