// Every unit test gets a fresh in-memory IndexedDB, so Dexie runs in Node exactly as in the browser.
import 'fake-indexeddb/auto';
