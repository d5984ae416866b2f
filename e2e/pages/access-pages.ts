import { expect, type Page } from '@playwright/test';

/** The first-owner setup page, the sign-in page and the account menu in the top bar. */
export class AccessPages {
  constructor(readonly page: Page) {}

  async setUpOwner(email: string, password: string) {
    await expect(this.page.getByTestId('setup-page')).toBeVisible();
    await this.page.getByTestId('setup-email').fill(email);
    await this.page.getByTestId('setup-password').fill(password);
    await this.page.getByTestId('setup-password-again').fill(password);
    await this.page.getByTestId('setup-submit').click();
    await this.expectSignedIn(email);
  }

  async signIn(email: string, password: string) {
    await expect(this.page.getByTestId('sign-in-page')).toBeVisible();
    await this.page.getByTestId('sign-in-email').fill(email);
    await this.page.getByTestId('sign-in-password').fill(password);
    await this.page.getByTestId('sign-in-submit').click();
    await this.expectSignedIn(email);
  }

  async signOut() {
    await this.page.getByTestId('sign-out').click();
    await expect(this.page.getByTestId('sign-in-page')).toBeVisible();
  }

  async expectSignedIn(email: string) {
    await expect(this.page.getByTestId('signed-in-email')).toHaveText(email);
  }

  /** Creates an API key in Settings and answers the key the dialog shows once. */
  async createKey(name: string, scopes: string[]): Promise<string> {
    await this.page.getByTestId('create-api-key').click();
    const dialog = this.page.getByTestId('create-key-dialog');
    await dialog.getByTestId('key-name').fill(name);
    for (const scope of ['studio', 'runs', 'v1', 'admin']) {
      const box = dialog.getByTestId(`key-scope-${scope}`);
      if ((await box.isChecked()) !== scopes.includes(scope)) await box.click();
    }
    await dialog.getByTestId('create-key-submit').click();
    const key = (await this.page.getByTestId('created-key').textContent())?.trim() ?? '';
    expect(key).toMatch(/^tdm_/);
    return key;
  }
}
