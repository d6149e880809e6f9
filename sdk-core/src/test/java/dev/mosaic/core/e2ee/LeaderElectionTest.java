package dev.mosaic.core.e2ee;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The leader rule, case by case; the widget's leader-election.test.js checks the same cases. */
class LeaderElectionTest {
    private static final Duration DEADLINE = Duration.ofSeconds(6);
    private final ManualClock clock = new ManualClock();

    private LeaderElection election(String self, String... earlier) {
        return new LeaderElection(self, List.of(earlier), clock, DEADLINE);
    }

    @Test
    void theEarliestShownMemberWithAVerifiedHelloLeadsAndNobodyLeadsWhileItsHelloMayStillCome() {
        LeaderElection e = election("carol", "alice", "bob");
        assertEquals(Optional.empty(), e.leader(), "alice may still say hello");
        assertEquals(Optional.of(new LeaderElection.Holder("alice", "hello")), e.holder());
        e.helloVerified("bob");
        assertEquals(Optional.empty(), e.leader());
        e.helloVerified("alice");
        assertEquals(Optional.of("alice"), e.leader());
        e.present(List.of("bob"));
        assertEquals(Optional.of("bob"), e.leader(), "alice left");
    }

    @Test
    void anInvalidHelloIsSkippedAtOnceAndNoHelloAfterTheDeadline() {
        LeaderElection e = election("carol", "mallory", "bob");
        e.helloInvalid("mallory");
        e.helloVerified("bob");
        assertEquals(Optional.of("bob"), e.leader());
        assertEquals(Optional.of("invalid_hello"), e.skipReason("mallory"));

        LeaderElection f = election("carol", "silent");
        assertEquals(Optional.empty(), f.leader());
        clock.advance(DEADLINE);
        assertEquals(Optional.of("carol"), f.leader());
        f.helloVerified("silent");
        assertEquals(Optional.of("carol"), f.leader(), "too late: leadership does not flip back");
    }

    @Test
    void aLeaderThatKeepsAMemberWaitingPastTheDeadlineIsReplaced() {
        LeaderElection e = election("carol", "lazy", "bob");
        e.helloVerified("lazy");
        e.helloVerified("bob");
        assertEquals(Optional.of("lazy"), e.leader());
        assertEquals(Optional.of(new LeaderElection.Holder("lazy", "key")), e.holder());
        clock.advance(DEADLINE.minusMillis(1));
        assertEquals(Optional.empty(), e.checkStalled());
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.of("lazy"), e.checkStalled());
        assertEquals(Optional.of("bob"), e.leader());
        assertEquals(LeaderElection.Verdict.ACCEPT, e.judge("bob"));
        assertEquals(LeaderElection.Verdict.REFUSE, e.judge("lazy"));
    }

    @Test
    void aLeaderThatListsEveryoneAndKeysThemDoesNotStall() {
        LeaderElection e = election("carol", "alice", "bob");
        e.helloVerified("alice");
        e.helloVerified("bob");
        e.rosterAccepted(List.of("alice", "bob", "carol"), false);
        e.keyActive();
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Optional.empty(), e.checkStalled());
        assertEquals(Optional.empty(), e.holder());
    }

    @Test
    void rostersAreRefusedFromTheUnshownAndHeldFromALaterMember() {
        LeaderElection e = election("carol", "alice", "bob");
        e.helloVerified("alice");
        e.helloVerified("bob");
        e.helloVerified("ghost");
        assertEquals(LeaderElection.Verdict.REFUSE, e.judge("ghost"));
        assertEquals(LeaderElection.Verdict.ACCEPT, e.judge("alice"));
        assertEquals(LeaderElection.Verdict.HOLD, e.judge("bob"));
        assertEquals(LeaderElection.Verdict.REFUSE, e.judge("carol"));
        clock.advance(DEADLINE);
        assertEquals(Optional.of("alice"), e.checkStalled());
        assertEquals(LeaderElection.Verdict.ACCEPT, e.judge("bob"));
    }

    @Test
    void aLeaderThatSeesALaterMemberLeadStepsAside() {
        LeaderElection e = election("alice");
        e.present(List.of("bob"));
        e.helloVerified("bob");
        assertEquals(Optional.of("alice"), e.leader());
        assertEquals(LeaderElection.Verdict.ACCEPT, e.judge("bob"));
        assertEquals(
                Optional.of("alice"),
                e.leader(),
                "judging alone changes nothing: the roster may still fail its checks");
        e.rosterFrom("bob");
        assertEquals(Optional.of("stepped_aside"), e.skipReason("alice"));
        assertEquals(Optional.of("bob"), e.leader());
    }

    @Test
    void joinOrderSurvivesAResume() {
        LeaderElection e = election("bob", "alice");
        e.present(List.of("alice", "carol"));
        e.present(List.of("carol", "alice", "dave"));
        assertEquals(List.of("alice", "bob", "carol", "dave"), e.order());
    }
}
