package io.lrasaga.coordinator.store;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;

import com.arjuna.ats.arjuna.coordinator.AbstractRecord;
import com.arjuna.ats.arjuna.coordinator.BasicAction;
import com.arjuna.ats.arjuna.coordinator.RecordList;

import io.narayana.lra.coordinator.domain.model.LRAParticipantRecord;
import io.narayana.lra.coordinator.domain.model.LongRunningAction;

/**
 * The participant records of an LRA. Narayana keeps them on BasicAction's protected intention
 * lists and offers no accessor, so they are read by reflection, as Narayana's own object store
 * browser does. The lists belong to the coordinator's threads: this only ever reads, never
 * locks (taking the LRA's lock would make a concurrent close a silent no-op), and retries a
 * read that raced with the coordinator moving records between lists.
 */
public final class ParticipantRecords {

    /** A participant record and the intention list it was found on. */
    public record OnList(LRAParticipantRecord record, String list) {
    }

    private static final String[] LISTS = { "pendingList", "preparedList", "heuristicList", "failedList",
            "readonlyList" };
    private static final Field[] FIELDS = new Field[LISTS.length];

    static {
        for (int i = 0; i < LISTS.length; i++) {
            try {
                Field field = BasicAction.class.getDeclaredField(LISTS[i]);
                field.setAccessible(true);
                FIELDS[i] = field;
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("Narayana's BasicAction has no " + LISTS[i]
                        + "; the coordinator jar version is not the one this code was written for", e);
            }
        }
    }

    private ParticipantRecords() {
    }

    public static List<OnList> of(LongRunningAction lra) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return read(lra);
            } catch (NullPointerException | ConcurrentModificationException e) {
                last = e;
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("the participant lists kept changing while being read", last);
    }

    private static List<OnList> read(LongRunningAction lra) {
        List<OnList> found = new ArrayList<>();
        for (int i = 0; i < FIELDS.length; i++) {
            RecordList list;
            try {
                list = (RecordList) FIELDS[i].get(lra);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            if (list == null) {
                continue;
            }
            for (AbstractRecord rec = list.peekFront(); rec != null; rec = list.peekNext(rec)) {
                if (rec instanceof LRAParticipantRecord participant) {
                    found.add(new OnList(participant, LISTS[i].replace("List", "")));
                }
            }
        }
        return found;
    }
}
