using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.Assessments;

/// <summary>AUDIT, AUDIT-C or SADQ: every question answered, scored by the tool's one scoring table.</summary>
public class ScreeningFormModel(PathwayDb db) : CaseFormModel(db)
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
        if (Date is null) ModelState.AddModelError(nameof(Date), "Enter the date of the screening");
        if (Date is { } day) Check(nameof(Date), "Date of screening", HappenedInJourney(day));
        for (var i = 0; i < Questionnaire.Questions.Count; i++)
        {
            var answer = i < Answers.Count ? Answers[i] : null;
            if (answer is null || !Questionnaire.Questions[i].Allows(answer.Value))
                ModelState.AddModelError($"Answers[{i}]", $"Answer question {i + 1}");
        }
        if (!ModelState.IsValid) return Page();

        var answers = Answers.Take(Questionnaire.Questions.Count).Select(a => a!.Value).ToList();
        var result = Questionnaire.Score(answers);
        Db.Screenings.Add(new Screening
        {
            Episode = Episode, Tool = Questionnaire.Tool, Date = Date!.Value, Answers = string.Join(',', answers), Score = result.Score,
        });
        return await SaveAsync(cancel);
    }
}
