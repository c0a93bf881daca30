using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;
using Ogi.Coordination.Domain;
using static Ogi.Coordination.Tests.Given;

namespace Ogi.Coordination.Tests;

public sealed class CoordinationRulesTests
{
    [Fact]
    public void CO1_one_letter_per_agency_concerned_carries_its_ground_and_the_consultation_starts()
    {
        var coordination = Opened(D(2026, 9, 24), agencies: [FinanceFor(ConcernGround.Competence), HousingFor(ConcernGround.Content)]);

        Assert.Equal([Finance, Housing], coordination.Letters.Select(l => l.Agency.AgencyCode));
        Assert.Equal([ConcernGround.Competence, ConcernGround.Content], coordination.Letters.Select(l => l.Agency.Ground));
        Assert.Equal(Draft, coordination.FullDraft);
        var events = coordination.DequeueEvents();
        var opened = Assert.Single(events.OfType<CoordinationOpened>());
        Assert.Equal(2, opened.Letters.Count);
        Assert.Equal(D(2026, 9, 24), Assert.Single(events.OfType<ConsultationStarted>()).StartedOn);
    }

    [Fact]
    public void CO1_a_letter_without_the_full_draft_or_any_agency_concerned_is_refused()
    {
        var error = Assert.Throws<InvalidInputException>(() =>
            ReleaseCoordination.Open(Guid.NewGuid(), Releasing, Document(), " ", [], false, D(2026, 9, 24), Staff, Calendar));
        Assert.Equal(["full_draft", "agencies"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public void CO1_no_letter_to_the_releasing_agency_itself_and_one_letter_per_agency()
    {
        var error = Assert.Throws<InvalidInputException>(() => Opened(D(2026, 9, 24), agencies:
            [FinanceFor(), new AgencyConcerned(Releasing, "市生态环境局", ConcernGround.Content), FinanceFor(ConcernGround.Competence)]));
        Assert.Equal(["agencies[1].agency_code", "agencies[2].agency_code"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public void CO2_a_letter_sent_on_2026_09_24_is_due_2026_10_15_across_mid_autumn_and_national_day()
    {
        // Sent Thu 09-24 (not counted). 中秋 09-25..27 skipped; 09-28, 09-29, 09-30 = days 1-3; 国庆 10-01..07 skipped;
        // 10-08 Thu = 4, 10-09 Fri = 5, 10-10 Sat (调休上班) = 6, 10-12..10-15 = 7..10.
        var letter = Opened(D(2026, 9, 24)).Letters[0];

        Assert.Equal(LetterKind.Ordinary, letter.Kind);
        Assert.Equal(D(2026, 10, 15), letter.DueOn);
        Assert.Equal(10, letter.Period.Length);
        Assert.Equal(PolicyProfile.Reg2019Name, letter.Period.ProfileName);
    }

    [Fact]
    public void CO2_an_urgent_letter_has_one_working_day_which_after_mid_autumn_is_2026_09_28()
    {
        var letter = Opened(D(2026, 9, 24), urgent: true).Letters[0];

        Assert.Equal(LetterKind.Urgent, letter.Kind);
        Assert.Equal(D(2026, 9, 28), letter.DueOn); // 09-25..27 are 中秋 holidays
    }

    [Fact]
    public void CO2_a_co_produced_document_an_applicant_requested_gets_Reg34s_15_working_days_even_when_urgent()
    {
        // Days 1-10 as above to 10-15, then 10-16, 10-19, 10-20, 10-21, 10-22 = 11..15.
        var coordination = Opened(D(2026, 9, 24), urgent: true, source: ItemSource.Application,
            agencies: [FinanceFor(ConcernGround.JointProduction), HousingFor(ConcernGround.Content)]);

        Assert.Equal(LetterKind.CoProduced, coordination.Letters[0].Kind);
        Assert.Equal(D(2026, 10, 22), coordination.Letters[0].DueOn);
        Assert.Equal(LetterKind.Urgent, coordination.Letters[1].Kind);
        Assert.Equal(LetterKind.Ordinary, ReleaseCoordination.LetterKindFor(ConcernGround.JointProduction, ItemSource.Staff, urgent: false));
    }

    [Fact]
    public void CO2_CAL5_a_profile_sets_the_period_seed_003_answers_in_2_working_days()
    {
        var catalog = PolicyProfileCatalog.Parse(
            $$"""{ "profiles": { "seed-003": { "coordinationReplyWorkingDays": 2 } }, "agencies": { "{{Releasing}}": "seed-003" } }""", "test");
        var calendar = new DeadlineCalculator(new CalendarLoader(), catalog);

        var coordination = ReleaseCoordination.Open(Guid.NewGuid(), Releasing, Document(), Draft, [FinanceFor()], false, D(2026, 9, 24), Staff, calendar);

        Assert.Equal(D(2026, 9, 29), coordination.Letters[0].DueOn);
        Assert.Equal("seed-003", coordination.Letters[0].Period.ProfileName);
    }

    [Fact]
    public void CO2_silence_on_a_Reg34_letter_counts_as_consent()
    {
        var coordination = Opened(D(2026, 9, 24), source: ItemSource.Application, agencies: [FinanceFor(ConcernGround.JointProduction)]);

        Assert.Empty(coordination.CloseLapsedLetters(D(2026, 10, 22))); // the due day itself is still inside the period
        var closed = Assert.Single(coordination.CloseLapsedLetters(D(2026, 10, 23)));

        Assert.Equal(LetterStatus.DeemedConsent, closed.Status);
        Assert.Equal(CoordinationOutcome.Consent, coordination.Conclusion!.Outcome);
        Assert.True(coordination.Conclusion.ReleasePermitted);
        var concluded = Assert.Single(coordination.DequeueEvents().OfType<CoordinationConcluded>());
        Assert.True(concluded.ReleasePermitted);
    }

    [Fact]
    public void CO2_silence_on_an_ordinary_letter_is_not_consent_the_releasing_agency_decides()
    {
        var coordination = Opened(D(2026, 9, 24));
        coordination.Answer(Finance, Consent(D(2026, 9, 30)));

        coordination.CloseLapsedLetters(D(2026, 10, 16));

        Assert.Equal(LetterStatus.Lapsed, coordination.Letters[1].Status);
        Assert.Equal(CoordinationStatus.AwaitingAgencyDecision, coordination.Status);
        Assert.Null(coordination.Conclusion);
        var events = coordination.DequeueEvents();
        Assert.Equal(Housing, Assert.Single(events.OfType<LetterLapsed>()).SilentAgencyCode);
        Assert.DoesNotContain(events, e => e is CoordinationConcluded);

        coordination.DecideAfterSilence(release: true, "市住建局逾期未复，经核对内容不涉及其职权，决定发布", "head-1", D(2026, 10, 16));

        Assert.Equal(CoordinationOutcome.AgencyDecision, coordination.Conclusion!.Outcome);
        Assert.Throws<RuleViolationException>(() => coordination.DecideAfterSilence(false, "再次决定", "head-1", D(2026, 10, 17)));
    }

    [Fact]
    public void CO2_SR8_a_silent_co_producer_outside_Reg34_keeps_the_item_unreleased()
    {
        var coordination = Opened(D(2026, 9, 24), source: ItemSource.SecrecyReview, agencies: [FinanceFor(ConcernGround.JointProduction)]);
        coordination.CloseLapsedLetters(D(2026, 10, 16));
        Assert.Equal(LetterStatus.Lapsed, coordination.Letters[0].Status);

        var error = Assert.Throws<RuleViolationException>(() => coordination.DecideAfterSilence(true, "逾期未复，决定发布", "head-1", D(2026, 10, 16)));

        Assert.Equal("SR-8", error.RuleId);
        coordination.DecideAfterSilence(false, "共同制作单位未书面同意，暂不发布", "head-1", D(2026, 10, 16));
        Assert.False(coordination.Conclusion!.ReleasePermitted);
    }

    [Fact]
    public void CO2_an_answer_after_the_due_day_is_refused()
    {
        var coordination = Opened(D(2026, 9, 24), urgent: true);

        var error = Assert.Throws<RuleViolationException>(() => coordination.Answer(Finance, Consent(D(2026, 9, 29))));
        Assert.Equal("CO-2", error.RuleId);
        coordination.Answer(Finance, Consent(D(2026, 9, 28)));
    }

    [Fact]
    public void CO2_the_queue_lists_what_each_agency_must_answer_soonest_first()
    {
        var ordinary = Opened(D(2026, 9, 24));
        var urgent = Opened(D(2026, 9, 24), urgent: true, agencies: [FinanceFor()]);
        var answered = Opened(D(2026, 9, 24), agencies: [FinanceFor()]);
        answered.Answer(Finance, Consent(D(2026, 9, 25)));

        var queue = AnswerQueue.For(Finance, [ordinary, urgent, answered], D(2026, 9, 24), Days);

        Assert.Equal([(urgent.Id, D(2026, 9, 28), 1), (ordinary.Id, D(2026, 10, 15), 10)],
            queue.Select(q => (q.CoordinationId, q.DueOn, q.WorkingDaysLeft)));
        Assert.Equal(LetterKind.Urgent, queue[0].Kind);
        Assert.Single(AnswerQueue.For(Housing, [ordinary, urgent, answered], D(2026, 10, 15), Days)); // due today: 0 left
        Assert.Empty(AnswerQueue.For(Housing, [ordinary], D(2026, 10, 16), Days)); // past due: the lapse rule's, not a to-do
    }

    [Fact]
    public void CO3_an_objection_without_reasons_is_refused()
    {
        var coordination = Opened(D(2026, 9, 24));

        var error = Assert.Throws<InvalidInputException>(() => coordination.Answer(Finance, Objection(D(2026, 9, 28), reasons: " ")));
        Assert.Equal("answer.reasons", Assert.Single(error.Violations).Field);
        Assert.Equal(LetterStatus.Awaiting, coordination.Letters[0].Status);
    }

    [Theory]
    [InlineData(AnswerKind.ConsentWithChanges, null, null, "answer.changes")]
    [InlineData(AnswerKind.CompetentOpinion, null, true, "answer.opinion")]
    [InlineData(AnswerKind.CompetentOpinion, "按本局意见处理", null, "answer.opinion_permits_release")]
    public void CO3_changes_and_competent_opinions_must_be_written_out(AnswerKind kind, string? text, bool? permits, string field)
    {
        var coordination = Opened(D(2026, 9, 24));

        var error = Assert.Throws<InvalidInputException>(() => coordination.Answer(Finance, new LetterAnswer(kind, text, D(2026, 9, 28), "clerk-b", permits)));
        Assert.Equal(field, Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void CO3_answering_twice_is_refused()
    {
        var coordination = Opened(D(2026, 9, 24));
        coordination.Answer(Finance, Consent(D(2026, 9, 28)));

        var error = Assert.Throws<RuleViolationException>(() => coordination.Answer(Finance, Objection(D(2026, 9, 29))));
        Assert.Equal("CO-3", error.RuleId);
        Assert.Equal(AnswerKind.Consent, coordination.Letters[0].Answer!.Kind);
    }

    [Fact]
    public void CO3_written_consent_from_every_agency_concludes_with_the_changes_asked_for()
    {
        var coordination = Opened(D(2026, 9, 24));
        coordination.Answer(Finance, new LetterAnswer(AnswerKind.ConsentWithChanges, "第二段资金数额改为“约1.2亿元”", D(2026, 9, 28), "clerk-b"));
        Assert.Null(coordination.Conclusion);

        coordination.Answer(Housing, Consent(D(2026, 9, 29)));

        Assert.Equal(CoordinationOutcome.Consent, coordination.Conclusion!.Outcome);
        Assert.Equal(["第二段资金数额改为“约1.2亿元”"], coordination.Conclusion.RequiredChanges);
        Assert.Equal(D(2026, 9, 29), coordination.Conclusion.ConcludedOn);
    }

    [Fact]
    public void CO3_the_competent_agencys_objection_decides_the_disagreement_without_escalation()
    {
        var coordination = Opened(D(2026, 9, 24), agencies: [FinanceFor(ConcernGround.Competence), HousingFor()]);
        coordination.Answer(Housing, Consent(D(2026, 9, 28)));

        coordination.Answer(Finance, Objection(D(2026, 9, 29)));

        Assert.Equal(CoordinationOutcome.ObjectionPrevails, coordination.Conclusion!.Outcome);
        Assert.False(coordination.Conclusion.ReleasePermitted);
        Assert.Contains("市财政局", coordination.Conclusion.Reasons);
        var events = coordination.DequeueEvents();
        Assert.DoesNotContain(events, e => e is CoordinationEscalated);
        Assert.False(Assert.Single(events.OfType<CoordinationConcluded>()).ReleasePermitted);
        Assert.Equal("CO-3", Assert.Throws<RuleViolationException>(() => coordination.Escalate(Agencies, D(2026, 9, 30))).RuleId);
    }

    [Fact]
    public void CO3_an_opinion_given_as_within_the_answering_agencys_competence_prevails_over_another_objection()
    {
        var coordination = Opened(D(2026, 9, 24));
        coordination.Answer(Finance, Objection(D(2026, 9, 28)));
        Assert.Equal(CoordinationStatus.AwaitingAnswers, coordination.Status);

        coordination.Answer(Housing, CompetentOpinion(D(2026, 9, 29), permits: true, opinion: "删除第三段中的项目地址后可以发布"));

        Assert.Equal(CoordinationOutcome.CompetentOpinionPrevails, coordination.Conclusion!.Outcome);
        Assert.True(coordination.Conclusion.ReleasePermitted);
        Assert.Contains("删除第三段中的项目地址后可以发布", coordination.Conclusion.RequiredChanges);
    }

    [Fact]
    public void CO3_escalation_produces_a_binding_decision_both_agencies_see()
    {
        var coordination = Opened(D(2026, 9, 24), agencies: [FinanceFor()]);
        coordination.Answer(Finance, Objection(D(2026, 9, 28)));
        Assert.Equal(CoordinationStatus.Disputed, coordination.Status);
        Assert.DoesNotContain(coordination.DequeueEvents(), e => e is ConsultationEnded); // the dispute is still consultation

        Assert.Equal(GeneralOffice, coordination.Escalate(Agencies, D(2026, 9, 29)));
        coordination.RecordBindingDecision(new BindingDecision(GeneralOffice, [Releasing, Finance, "市发展和改革委员会"], ["某大学环境学院教授"],
            "经组织涉及单位、业务主管部门和专家研究，该信息可以公开发布，资金数额以市政府批复为准。", true, D(2026, 10, 9), "admin-1"));

        var events = coordination.DequeueEvents();
        var decision = Assert.Single(events.OfType<BindingDecisionIssued>());
        Assert.Equal([Releasing, Finance], decision.Parties);
        Assert.True(decision.ReleasePermitted);
        Assert.Equal(GeneralOffice, Assert.Single(events.OfType<CoordinationEscalated>()).DepartmentCode);
        Assert.Equal(D(2026, 10, 9), Assert.Single(events.OfType<ConsultationEnded>()).EndedOn);
        var concluded = Assert.Single(events.OfType<CoordinationConcluded>());
        Assert.Equal(CoordinationOutcome.BindingDecision, concluded.Outcome);
        Assert.Equal(["某大学环境学院教授"], coordination.Decision!.Experts);
    }

    [Fact]
    public void CO3_a_binding_decision_comes_from_the_department_escalated_to_having_convened_every_unit()
    {
        var coordination = Opened(D(2026, 9, 24), agencies: [FinanceFor()]);
        var decision = new BindingDecision(GeneralOffice, [Releasing], [], "可以公开", true, D(2026, 10, 9), "admin-1");
        Assert.Equal("CO-3", Assert.Throws<RuleViolationException>(() => coordination.RecordBindingDecision(decision)).RuleId); // not escalated

        coordination.Answer(Finance, Objection(D(2026, 9, 28)));
        coordination.Escalate(Agencies, D(2026, 9, 29));

        Assert.Throws<AccessDeniedException>(() => coordination.RecordBindingDecision(decision with { DepartmentCode = Supervision, ConvenedUnits = [Releasing, Finance] }));
        Assert.Contains(Finance, Assert.Throws<RuleViolationException>(() => coordination.RecordBindingDecision(decision)).Message);
        Assert.Equal("decision.decision_text", Assert.Single(Assert.Throws<InvalidInputException>(() =>
            coordination.RecordBindingDecision(decision with { ConvenedUnits = [Releasing, Finance], DecisionText = "" })).Violations).Field);
        Assert.Equal(CoordinationStatus.Escalated, coordination.Status);
    }

    [Fact]
    public void CO3_competent_agencies_that_disagree_with_each_other_go_to_escalation()
    {
        var coordination = Opened(D(2026, 9, 24), agencies: [FinanceFor(ConcernGround.Competence), HousingFor()]);
        coordination.Answer(Finance, Objection(D(2026, 9, 28)));
        coordination.Answer(Housing, CompetentOpinion(D(2026, 9, 28), permits: true));

        Assert.Equal(CoordinationStatus.Disputed, coordination.Status);
    }

    [Fact]
    public void CO6_the_consultation_dates_move_intakes_reply_deadline_by_exactly_the_working_days_spent()
    {
        // An application received Mon 2026-09-14; the coordination on its document runs from 09-24 to the last answer on 10-13.
        var coordination = Opened(D(2026, 9, 24), source: ItemSource.Application);
        coordination.Answer(Finance, Consent(D(2026, 9, 30)));
        coordination.Answer(Housing, Consent(D(2026, 10, 13)));
        var events = coordination.DequeueEvents();
        var started = Assert.Single(events.OfType<ConsultationStarted>()).StartedOn;
        var ended = Assert.Single(events.OfType<ConsultationEnded>()).EndedOn;
        Assert.Equal((D(2026, 9, 24), D(2026, 10, 13)), (started, ended));

        var received = D(2026, 9, 14);
        var plain = Calendar.Start(Releasing, PeriodKind.Reply, received).Result.DeadlineDate!.Value;
        var stopped = Calendar.Start(Releasing, PeriodKind.Reply, received, [new ClockStop(started, ended, "征求意见")]).Result.DeadlineDate!.Value;

        // Spent: 09-28, 09-29, 09-30, 10-08, 10-09, 10-10 (调休), 10-12, 10-13 = 8 working days.
        Assert.Equal(8, Days.CountWorkingDays(started, ended).Days);
        // Without: 09-15..18, 09-20 (调休), 09-21..24, 09-28..30, 10-08..10, 10-12..16 = 20 → 10-16. With: days 1-9 to 09-24,
        // then 10-14..16, 10-19..23, 10-26..28 = 10..20 → 10-28.
        Assert.Equal(D(2026, 10, 16), plain);
        Assert.Equal(D(2026, 10, 28), stopped);
        Assert.Equal(8, Days.CountWorkingDays(plain, stopped).Days);
    }

    [Fact]
    public void CO6_a_lapsed_consultation_ends_on_the_due_day_not_on_the_day_the_lapse_rule_ran()
    {
        var coordination = Opened(D(2026, 9, 24), source: ItemSource.Application, agencies: [FinanceFor(ConcernGround.JointProduction)]);

        coordination.CloseLapsedLetters(D(2026, 10, 27));

        Assert.Equal(D(2026, 10, 22), Assert.Single(coordination.DequeueEvents().OfType<ConsultationEnded>()).EndedOn);
    }

    [Fact]
    public void Every_enum_a_person_reads_has_a_Chinese_label()
    {
        Enum[] values =
        [
            .. Enum.GetValues<ItemSource>().Cast<Enum>(), .. Enum.GetValues<ConcernGround>().Cast<Enum>(),
            .. Enum.GetValues<LetterKind>().Cast<Enum>(), .. Enum.GetValues<AnswerKind>().Cast<Enum>(),
            .. Enum.GetValues<LetterStatus>().Cast<Enum>(), .. Enum.GetValues<CoordinationStatus>().Cast<Enum>(),
            .. Enum.GetValues<CoordinationOutcome>().Cast<Enum>(), .. Enum.GetValues<ThirdPartyInterest>().Cast<Enum>(),
            .. Enum.GetValues<ThirdPartyAnswerKind>().Cast<Enum>(), .. Enum.GetValues<ReporterKind>().Cast<Enum>(),
            .. Enum.GetValues<InconsistencyRoute>().Cast<Enum>(),
        ];

        Assert.All(values, v => Assert.NotEqual(v.ToString(), v.Chinese()));
        Assert.Equal("逾期未复，视为同意", LetterStatus.DeemedConsent.Chinese());
    }
}
