// Titles and narration for state changes, shared by the scenarios whose steps
// follow the state machine (close, simultaneous close and open, reset, abort).

import { ACTOR_NAMES } from '../trace-steps';
import type { ActorId, TraceEntry, TransitionRecord } from '../simulation-types';
import type { SimulationResult } from '../simulator';
import { formatMs } from '../scenario-kit';

/** Sets the lab's 2·MSL against the RFC's MSL and real stacks, wherever a step names it. */
const MSL_IN_PRACTICE =
  '(RFC 793 sets MSL to 2 minutes, but many stacks use a shorter TIME-WAIT, such as 60 s on Linux)';

export interface TransitionText {
  readonly title: string;
  readonly narration: string;
}

function both(actors: readonly ActorId[]): string {
  return actors.length > 1 ? 'Both sides' : ACTOR_NAMES[actors[0]!];
}

function subject(actors: readonly ActorId[]): string {
  return actors.length > 1 ? 'Both sides' : `The ${actors[0]}`;
}

/** Returns the title and narration for `transition` taken by `actors` (one actor, or both at once). */
export function transitionText(
  transition: TransitionRecord,
  actors: readonly ActorId[],
  entry: TraceEntry,
  result: SimulationResult,
): TransitionText {
  const name = both(actors);
  const who = subject(actors);
  const whoMid = who.charAt(0).toLowerCase() + who.slice(1);
  const plural = actors.length > 1;
  const msl = result.config[actors[0]!].mslMs;

  switch (`${transition.from}>${transition.to}`) {
    case 'CLOSED>LISTEN':
      return {
        title: `${name} listens`,
        narration: `${who} opens passively: it creates a TCB in LISTEN and waits for a SYN. Nothing is sent.`,
      };
    case 'CLOSED>SYN-SENT':
      return {
        title: `${name} send${plural ? '' : 's'} SYN`,
        narration: `${who} call${plural ? '' : 's'} connect(): an active open creates a TCB, picks an initial sequence number and sends a SYN. The SYN takes one sequence number.`,
      };
    case 'SYN-SENT>SYN-RECEIVED':
      return {
        title: `${name} receive${plural ? '' : 's'} a SYN while in SYN-SENT`,
        narration: `${who} receive${plural ? '' : 's'} a SYN without an ACK: the SYNs crossed. Each side records the other's ISN and answers with SYN, ACK, which repeats its own SYN and acknowledges the peer's.`,
      };
    case 'LISTEN>SYN-RECEIVED':
      return {
        title: `${name} receives SYN`,
        narration: `${who} records the peer's ISN and answers with SYN, ACK.`,
      };
    case 'SYN-RECEIVED>ESTABLISHED':
      return {
        title: `${name} ${plural ? 'are' : 'is'} ESTABLISHED`,
        narration: `The ACK of ${plural ? 'each' : 'its'} SYN arrives, so SND.UNA < SEG.ACK ≤ SND.NXT holds and ${plural ? 'both sides are' : `${whoMid} is`} synchronized. A simultaneous open takes four segments instead of three.`,
      };
    case 'SYN-SENT>ESTABLISHED':
      return {
        title: `${name} is ESTABLISHED`,
        narration: `The SYN, ACK acknowledges the SYN, so ${whoMid} enters ESTABLISHED and sends an ACK.`,
      };
    case 'ESTABLISHED>FIN-WAIT-1':
      return {
        title: `${name} close${plural ? '' : 's'}: FIN-WAIT-1`,
        narration: `${who} call${plural ? '' : 's'} close(): ${plural ? 'each' : 'it'} sends a FIN, which takes one sequence number, and waits in FIN-WAIT-1 for it to be acknowledged. ${plural ? 'Each side' : 'It'} can still receive data.`,
      };
    case 'ESTABLISHED>CLOSE-WAIT':
      return {
        title: `${name} receives FIN: CLOSE-WAIT`,
        narration: `${who} acknowledges the FIN at once (ack = FIN's seq + 1) and tells its application that the peer will send no more data. It stays in CLOSE-WAIT until its own application calls close().`,
      };
    case 'FIN-WAIT-1>FIN-WAIT-2':
      return {
        title: `${name}'s FIN acknowledged: FIN-WAIT-2`,
        narration: `The ACK covers ${whoMid}'s FIN, so this direction is closed. ${who} now waits in FIN-WAIT-2 for the peer's FIN, for as long as the peer keeps its side open.`,
      };
    case 'CLOSE-WAIT>LAST-ACK':
      return {
        title: `${name} closes: LAST-ACK`,
        narration: `${who}'s application has read everything and calls close(): ${whoMid} sends its own FIN and waits in LAST-ACK for the last ACK of the connection.`,
      };
    case 'FIN-WAIT-2>TIME-WAIT':
    case 'FIN-WAIT-1>TIME-WAIT':
      return {
        title: `${name} receives FIN: TIME-WAIT`,
        narration: `${who} acknowledges the peer's FIN and waits 2·MSL = ${formatMs(2 * msl)} in TIME-WAIT ${MSL_IN_PRACTICE}. If this last ACK is lost, the peer retransmits its FIN and ${whoMid} can still answer it; the wait also lets old duplicates of this connection die out before the same port pair is used again.`,
      };
    case 'FIN-WAIT-1>CLOSING':
      return {
        title: `${name} receive${plural ? '' : 's'} FIN: CLOSING`,
        narration: `${who} receive${plural ? '' : 's'} the peer's FIN before ${plural ? 'their own FINs are' : 'its own FIN is'} acknowledged: the FINs crossed. ${plural ? 'Each' : 'It'} acknowledges the peer's FIN and waits in CLOSING for the ACK of ${plural ? 'its own' : 'its'} FIN.`,
      };
    case 'CLOSING>TIME-WAIT':
      return {
        title: `${name} reach${plural ? '' : 'es'} TIME-WAIT`,
        narration: `The ACK of ${plural ? 'each' : 'its'} FIN arrives, and ${whoMid} wait${plural ? '' : 's'} 2·MSL = ${formatMs(2 * msl)} in TIME-WAIT ${MSL_IN_PRACTICE}. After a simultaneous close both sides end up there, because both sent a FIN and both sent the last ACK for the peer's FIN.`,
      };
    case 'LAST-ACK>CLOSED':
      return {
        title: `${name} receives the last ACK: CLOSED`,
        narration: `The ACK covers ${whoMid}'s FIN, so ${whoMid} deletes the TCB at once: the side that closes second needs no TIME-WAIT.`,
      };
    case 'TIME-WAIT>CLOSED':
      return {
        title: `${name} leave${plural ? '' : 's'} TIME-WAIT`,
        narration: `The 2·MSL timer of ${formatMs(2 * msl)} fires and ${whoMid} delete${plural ? '' : 's'} the TCB. Only now may the same address and port pair start a new connection with these sequence numbers.`,
      };
    case 'TIME-WAIT>TIME-WAIT':
      return {
        title: `${name} answers the retransmitted FIN`,
        narration: `The peer never saw the last ACK and retransmitted its FIN. ${who} is still in TIME-WAIT, so it acknowledges the FIN again and restarts the 2·MSL timer: this is why TIME-WAIT exists.`,
      };
    case 'SYN-SENT>CLOSED':
      return transition.event === 'receive-rst'
        ? {
            title: `${name} receives RST: connection refused`,
            narration: `The RST acknowledges the SYN (its ACK field is ISS + 1), so it is acceptable: ${whoMid} deletes the TCB and connect() fails with "connection refused".`,
          }
        : {
            title: `${name} gives up`,
            narration: `${who} deletes the TCB before the handshake completes.`,
          };
    case 'CLOSED>CLOSED':
      return {
        title: `${name} has no connection: RST`,
        narration: `${who} has no TCB for this port, so any segment other than a RST is answered with a RST. A SYN without ACK gets <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.`,
      };
    default:
      if (transition.to === 'CLOSED' && transition.event === 'abort') {
        return {
          title: `${name} aborts: RST`,
          narration: `The application aborts the connection (close() with SO_LINGER set to 0): ${whoMid} sends a RST with seq = SND.NXT, discards any queued data and deletes the TCB without the FIN exchange.`,
        };
      }
      if (transition.to === 'CLOSED' && transition.event === 'receive-rst') {
        return {
          title: `${name} receives RST: connection reset`,
          narration: `The RST's sequence number equals RCV.NXT, so it is acceptable: ${whoMid} deletes the TCB at once, drops unsent and unacknowledged data, and its application sees "connection reset by peer".`,
        };
      }
      return {
        title: `${name}: ${transition.from} → ${transition.to}`,
        narration: `${who} move${plural ? '' : 's'} from ${transition.from} to ${transition.to} on "${transition.event}".`,
      };
  }
}
