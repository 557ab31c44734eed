package io.lrasaga.coordinator.tracking;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;

import io.lrasaga.coordinator.store.ParticipantRecords;
import io.narayana.lra.LRAData;
import io.narayana.lra.coordinator.domain.model.LRAParticipantRecord;
import io.narayana.lra.coordinator.domain.model.LongRunningAction;

/**
 * What the tracker remembers of one LRA while it runs. Narayana drops an LRA's participant
 * records from its lists as each one finishes, and drops the LRA when it ends, so the
 * record objects are held here to read their final statuses after the fact.
 */
final class TrackedLra {

    private static final String CANCELLING = LRAStatus.Cancelling.name();

    final String uid;
    LongRunningAction lra;
    final Map<String, Participant> participants = new LinkedHashMap<>();
    final List<Transition> transitions = new ArrayList<>();
    private LRAStatus last;

    TrackedLra(String uid, LongRunningAction lra) {
        this.uid = uid;
        this.lra = lra;
    }

    static final class Participant {
        LRAParticipantRecord record;
        String list;
        private ParticipantStatus last;
        final List<Transition> transitions = new ArrayList<>();

        Participant(LRAParticipantRecord record) {
            this.record = record;
        }

        void observe(Instant now) {
            ParticipantStatus status = record.getStatus();
            if (status != null && status != last) {
                last = status;
                transitions.add(new Transition(status.name(), now));
            }
        }

        ParticipantView view(String stateOverride) {
            Map<String, URI> links = ParticipantLinks.parse(record.getParticipantURI());
            String state = stateOverride != null ? stateOverride : last == null ? null : last.name();
            return new ParticipantView(record.getParticipantURI(), links.get("compensate"), links.get("complete"),
                    links.get("status"), links.get("forget"), links.get("after"), record.getRecoveryURI(), state,
                    list, List.copyOf(transitions), null);
        }
    }

    /** Picks up participants that joined since the last look, and where each one is now. */
    void capture(LongRunningAction from) {
        for (ParticipantRecords.OnList found : ParticipantRecords.of(from)) {
            String key = key(found.record());
            Participant participant = participants.computeIfAbsent(key, k -> new Participant(found.record()));
            participant.record = found.record();
            participant.list = found.list();
        }
    }

    void observe(Instant now) {
        LRAStatus status = status();
        if (status != null && status != last) {
            last = status;
            transitions.add(new Transition(status.name(), now));
        }
        participants.values().forEach(p -> p.observe(now));
    }

    LRAStatus status() {
        LRAStatus status = lra.getLRAStatus();
        // Narayana's recovery replay of a cancel maps the already Cancelled LRA to Closed in its
        // final state update (RecoveringLRA: updateState(toLRAStatus(..)) after phase 2 ended it);
        // a cancelling LRA never closes, so that Closed is its cancellation.
        if (status == LRAStatus.Closed && transitions.stream().anyMatch(t -> CANCELLING.equals(t.status()))) {
            return LRAStatus.Cancelled;
        }
        return status;
    }

    LRAData data() {
        return lra.getLRAData();
    }

    List<ParticipantView> views(String stateOverride) {
        return participants.values().stream().map(p -> p.view(stateOverride)).toList();
    }

    private static String key(LRAParticipantRecord record) {
        String path = record.getParticipantURI();
        if (path != null) {
            return path;
        }
        return String.valueOf(record.getRecoveryURI());
    }
}
