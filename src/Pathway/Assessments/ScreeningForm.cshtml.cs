using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.Assessments;

/// <summary>AUDIT, AUDIT-C or SADQ: every question answered, scored by the tool's one scoring table.</summary>
public class ScreeningFormModel(PathwayDb db, RecordAccess access) : CaseFormModel(db)
{
    [BindProperty(SupportsGet = true)] public string Tool { get; set; } = "";
    [BindProperty, Display(Name = "Date of screening")] public DateOnly? Date { get; set; }
    [BindProperty] public List<int?> Answers { get; set; } = [];
    public IScreeningTool Questionnaire { get; private set; } = null!;

    private bool Resolve()
    {
        ScreeningTool? tool = Tool switch { "audit" => ScreeningTool.Audit, "audit-c" => ScreeningTool.AuditC, "sadq" => ScreeningTool.Sadq, _ => null };
        if (tool is null) return false;
        Questionnaire = ScreeningTools.For(tool.Value);
        // One slot per question, so the form can show each answer (or its absence).
        while (Answers.Count < Questionnaire.Questions.Count) Answers.Add(null);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!Resolve() || !await LoadAsync(cancel)) return NotFound();
        Date = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!Resolve() || !await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        return await ActAsync(mode => Assessing.ScreenAsync(Db, access, Worker, Id, Version, new ScreeningInput(Questionnaire.Tool, Date, Answers), cancel, mode),
            cancel);
    }
}
