// Where the Assistant window keeps its conversation's id: one per logged-in user, so two people
// sharing a browser never continue each other's chat (the server refuses it anyway).

const PREFIX = 'overlord.assistant.session.v1:';

/** The localStorage key of `user`'s session id. */
export function sessionKey(user: string): string {
  return PREFIX + user;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A canonical (lower-case, hyphenated) UUID, the only session id the server accepts. */
export function isSessionId(v: unknown): v is string {
  return typeof v === 'string' && UUID.test(v);
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The stored session id of `user`, or null when there is none or it is not a session id. */
export function loadSession(store: Store, user: string): string | null {
  try {
    const v = store.getItem(sessionKey(user));
    return isSessionId(v) ? v : null;
  } catch {
    return null; // storage refused (privacy mode): the chat lives as long as the page
  }
}

export function saveSession(store: Store, user: string, id: string | null): void {
  try {
    if (id === null) store.removeItem(sessionKey(user));
    else if (isSessionId(id)) store.setItem(sessionKey(user), id);
  } catch {
    /* storage refused: nothing to keep */
  }
}
